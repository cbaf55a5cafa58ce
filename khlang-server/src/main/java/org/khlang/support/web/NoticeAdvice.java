package org.khlang.support.web;

import java.util.List;

import org.khlang.shared.ActorPrincipal;
import org.khlang.support.Notice;
import org.khlang.support.Notices;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Every page shows the signed-in person's unread notices as a count in the header; /notices lists them. */
@ControllerAdvice(annotations = Controller.class)
class NoticeAdvice {

    private final Notices notices;

    NoticeAdvice(Notices notices) {
        this.notices = notices;
    }

    @ModelAttribute("noticeCount")
    Integer noticeCount() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ActorPrincipal principal)
                || principal.actor().isSystem() || authentication.getAuthorities().stream()
                .noneMatch(granted -> "SIGNED_IN".equals(granted.getAuthority()))) {
            return null;
        }
        return notices.unread(principal.actor().accountId()).size();
    }

    @Controller
    static class NoticeController {

        private final Notices notices;

        NoticeController(Notices notices) {
            this.notices = notices;
        }

        @GetMapping("/notices")
        String list(org.khlang.shared.Actor actor, Model model) {
            List<Notice> unread = notices.unread(actor.accountId());
            model.addAttribute("notices", unread);
            return "support/notices";
        }

        @PostMapping("/notices/{id}/read")
        String read(org.khlang.shared.Actor actor, @PathVariable long id) {
            notices.markRead(id, actor);
            return "redirect:/notices";
        }
    }
}
