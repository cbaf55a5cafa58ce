package org.khlang.support.web;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.support.ChatAnswer;
import org.khlang.support.ChatBot;
import org.khlang.support.Ticket;
import org.khlang.support.Tickets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Help (R15): the channels of the letter on a page anyone can open, the FAQ chat bot, and support tickets that the
 * Contact Center answers.
 */
@Controller
class HelpController {

    static final int CHAT_PER_MINUTE = 30;

    private final ChatBot bot;
    private final Tickets tickets;
    private final FormErrors errors;
    private final Clock clock;
    private final String email;
    private final Map<String, Deque<Long>> chatTimes = new ConcurrentHashMap<>();

    HelpController(ChatBot bot, Tickets tickets, FormErrors errors, Clock clock,
                   @Value("${khlang.help.email:}") String email) {
        this.bot = bot;
        this.tickets = tickets;
        this.errors = errors;
        this.clock = clock;
        this.email = email;
    }

    @GetMapping("/help")
    String help(Model model) {
        model.addAttribute("email", email);
        return "support/help";
    }

    /** The chat bot: a question in, the best FAQ answer (or a hand-over to a ticket) out. Rate-limited per address. */
    @GetMapping("/help/chat")
    ResponseEntity<ChatAnswer> chat(@RequestParam(defaultValue = "") String q, HttpServletRequest request) {
        if (q.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "chat.tooLong");
        }
        long now = clock.millis();
        Deque<Long> times = chatTimes.computeIfAbsent(request.getRemoteAddr(), address -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() > 60_000) {
                times.pollFirst();
            }
            if (times.size() >= CHAT_PER_MINUTE) {
                return ResponseEntity.status(429).build();
            }
            times.addLast(now);
        }
        if (chatTimes.size() > 10_000) {
            chatTimes.clear();
        }
        return ResponseEntity.ok(bot.ask(q));
    }

    @GetMapping("/help/tickets")
    String mine(Actor actor, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("tickets", tickets.mine(actor));
        model.addAttribute("question", q);
        return "support/tickets";
    }

    @PostMapping("/help/tickets")
    String open(Actor actor, @RequestParam(defaultValue = "") String subject,
                @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        try {
            Ticket ticket = tickets.open(subject, body, actor);
            redirect.addFlashAttribute("notice", errors.message("ticket.opened", ticket.id()));
            return "redirect:/help/tickets/" + ticket.id();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/help/tickets";
        }
    }

    @GetMapping("/help/tickets/{id}")
    String ticket(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("ticket", tickets.find(id, actor)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "ticket.notFound")));
        return "support/ticket";
    }

    @PostMapping("/help/tickets/{id}/messages")
    String reply(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String body,
                 RedirectAttributes redirect) {
        try {
            tickets.reply(id, body, actor);
            redirect.addFlashAttribute("notice", errors.message("ticket.sent"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/help/tickets/" + id;
    }

    @PostMapping("/help/tickets/{id}/close")
    String close(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        try {
            tickets.close(id, actor);
            redirect.addFlashAttribute("notice", errors.message("ticket.closedNotice"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/help/tickets/" + id;
    }

    @GetMapping("/helpdesk/tickets")
    String waiting(Actor actor, Model model) {
        model.addAttribute("tickets", tickets.waiting(actor));
        return "support/helpdesk-tickets";
    }
}
