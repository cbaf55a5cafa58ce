package org.khlang.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.khlang.identity.PasswordStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page warns from 14 days before the password expires (R9); the gate has already read the status. */
@ControllerAdvice
class PasswordWarningAdvice {

    @ModelAttribute("passwordWarning")
    Long passwordWarning(HttpServletRequest request) {
        if (request.getAttribute(PasswordStatus.class.getName()) instanceof PasswordStatus status && status.warn()) {
            return status.daysLeft();
        }
        return null;
    }
}
