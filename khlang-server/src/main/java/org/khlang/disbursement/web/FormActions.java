package org.khlang.disbursement.web;

import java.util.function.Supplier;

import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A form's command run once: its notice on success, its problem in Thai or English otherwise, then a redirect. */
final class FormActions {

    private FormActions() {
    }

    static String act(FormErrors errors, RedirectAttributes redirect, String target, Supplier<Object> command,
                      String notice) {
        try {
            Object result = command.get();
            redirect.addFlashAttribute("notice", errors.message(notice, result));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:" + target;
    }
}
