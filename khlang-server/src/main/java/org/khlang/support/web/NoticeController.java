package org.khlang.support.web;

import java.util.List;

import org.khlang.shared.Actor;
import org.khlang.support.Notice;
import org.khlang.support.Notices;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** /notices lists the signed-in person's unread notices; each can be marked read. */
@Controller
class NoticeController {

    private final Notices notices;

    NoticeController(Notices notices) {
        this.notices = notices;
    }

    @GetMapping("/notices")
    String list(Actor actor, Model model) {
        List<Notice> unread = notices.unread(actor.accountId());
        model.addAttribute("notices", unread);
        return "support/notices";
    }

    @PostMapping("/notices/{id}/read")
    String read(Actor actor, @PathVariable long id) {
        notices.markRead(id, actor);
        return "redirect:/notices";
    }
}
