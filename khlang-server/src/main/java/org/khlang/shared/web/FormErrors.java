package org.khlang.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.khlang.shared.KhlangProblem;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Puts a refusal on a page: the message ({@code problem}) and one message per field ({@code fieldProblems}). */
@Component
public class FormErrors {

    private final Messages messages;

    FormErrors(Messages messages) {
        this.messages = messages;
    }

    public void show(Model model, KhlangProblem problem) {
        model.addAttribute("problem", messages.of(problem));
        Map<String, String> fields = new LinkedHashMap<>();
        problem.fieldProblems().forEach(field -> fields.merge(field.field(), messages.of(field), (a, b) -> a + " " + b));
        model.addAttribute("fieldProblems", fields);
    }

    public String message(KhlangProblem problem) {
        return messages.of(problem);
    }

    public String message(String code, Object... arguments) {
        return messages.current(code, arguments);
    }
}
