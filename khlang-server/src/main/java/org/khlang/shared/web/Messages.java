package org.khlang.shared.web;

import java.util.Locale;

import org.khlang.shared.KhlangProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Resolves message codes in Thai (the default) and English. */
@Component
public class Messages {

    public static final Locale THAI = Locale.forLanguageTag("th-TH");

    private final MessageSource messageSource;

    Messages(MessageSource messageSource) {
        this.messageSource = messageSource;
    }

    public String get(String code, Locale locale, Object... arguments) {
        return messageSource.getMessage(code, arguments, code, locale);
    }

    public String current(String code, Object... arguments) {
        return get(code, LocaleContextHolder.getLocale(), arguments);
    }

    public String thai(String code, Object... arguments) {
        return get(code, THAI, arguments);
    }

    public String english(String code, Object... arguments) {
        return get(code, Locale.ENGLISH, arguments);
    }

    /** The problem's message in the current request's language. */
    public String of(KhlangProblem problem) {
        return current("problem." + problem.code(), problem.arguments());
    }

    public String of(KhlangProblem.FieldProblem fieldProblem) {
        return current("problem." + fieldProblem.code(), fieldProblem.arguments().toArray());
    }
}
