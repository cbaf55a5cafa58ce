package org.khlang.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.shared.KhlangProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal that a page did not handle itself is shown on the error page, in the person's language. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemAdvice {

    private final Messages messages;

    PageProblemAdvice(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(KhlangProblem.class)
    String problem(KhlangProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.kind().httpStatus());
        model.addAttribute("status", problem.kind().httpStatus());
        model.addAttribute("kind", ErrorPages.kind(problem.kind().httpStatus()));
        model.addAttribute("message", messages.of(problem));
        return "error";
    }
}
