package org.khlang.authority.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.authority.AccountDirectory;
import org.khlang.authority.Agencies;
import org.khlang.authority.AppointmentOrder;
import org.khlang.authority.AppointmentOrders;
import org.khlang.authority.Confirmations;
import org.khlang.authority.NewAssignment;
import org.khlang.authority.OrderKind;
import org.khlang.authority.Right;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Appointment orders on screen (R8): the agency head drafts, appoints, attaches the signed PDF and submits
 * (under /agency/orders); the serving registrar reviews, downloads, approves or rejects (under /registrar/orders).
 */
@Controller
class OrderController {

    private final AppointmentOrders orders;
    private final Agencies agencies;
    private final AccountDirectory people;
    private static final String CONFIRMATION = OrderController.class.getName() + ".confirmation.";
    private static final String DECISION = OrderController.class.getName() + ".decision.";

    private final FormErrors errors;
    private final Confirmations confirmations;

    OrderController(AppointmentOrders orders, Agencies agencies, AccountDirectory people, FormErrors errors,
                    Confirmations confirmations) {
        this.confirmations = confirmations;
        this.orders = orders;
        this.agencies = agencies;
        this.people = people;
        this.errors = errors;
    }

    @GetMapping("/agency/orders")
    String agencyOrders(Authentication authentication, Model model) {
        long agencyId = agencyOf(authentication);
        model.addAttribute("orders", orders.forAgency(agencyId));
        model.addAttribute("agency", agencies.byId(agencyId).orElseThrow());
        return "orders/agency";
    }

    @PostMapping("/agency/orders")
    String draft(Authentication authentication, Actor actor, @RequestParam String number, @RequestParam String date,
                 @RequestParam String signatory, RedirectAttributes redirect) {
        try {
            AppointmentOrder order = orders.draft(agencyOf(authentication), number, parse(date), signatory, actor);
            return "redirect:/agency/orders/" + order.id();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/agency/orders";
        }
    }

    @GetMapping({"/agency/orders/{id}", "/registrar/head-appointments/{id}"})
    String agencyOrder(Authentication authentication, @PathVariable long id, HttpServletRequest request,
                       Model model) {
        AppointmentOrder order = authored(authentication, request, id);
        model.addAttribute("basePath", prefix(request) + "/" + id);
        model.addAttribute("order", order);
        model.addAttribute("people", people.peopleOf(order.agencyId()));
        model.addAttribute("rights", order.kind() == OrderKind.HEAD ? List.of(Right.AGENCY_HEAD)
                : NewAssignment.APPOINTABLE.stream().sorted().toList());
        model.addAttribute("names", order.assignments().stream().map(a -> people.displayName(a.accountId())).toList());
        return "orders/edit";
    }

    @PostMapping({"/agency/orders/{id}/assignments", "/registrar/head-appointments/{id}/assignments"})
    String addAssignment(Authentication authentication, HttpServletRequest request, Actor actor, @PathVariable long id,
                         @RequestParam long accountId, @RequestParam Right right,
                         @RequestParam(defaultValue = "false") boolean substitute, @RequestParam String from,
                         @RequestParam(defaultValue = "") String to, @RequestParam String duties,
                         @RequestParam String controlGuidelines, @RequestParam String credentialCustody,
                         RedirectAttributes redirect) {
        authored(authentication, request, id);
        try {
            orders.addAssignment(id, new NewAssignment(accountId, right, substitute, parse(from),
                    to.isBlank() ? null : parse(to), duties, controlGuidelines, credentialCustody), actor);
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:" + prefix(request) + "/" + id;
    }

    /** R11: a change is a new order; this entry ends the person's right from the given date on. */
    @PostMapping({"/agency/orders/{id}/endings", "/registrar/head-appointments/{id}/endings"})
    String addEnding(Authentication authentication, HttpServletRequest request, Actor actor, @PathVariable long id,
                     @RequestParam long accountId, @RequestParam Right right, @RequestParam String from,
                     RedirectAttributes redirect) {
        authored(authentication, request, id);
        try {
            orders.addAssignment(id, NewAssignment.ending(accountId, right, parse(from)), actor);
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:" + prefix(request) + "/" + id;
    }

    @PostMapping({"/agency/orders/{id}/file", "/registrar/head-appointments/{id}/file"})
    String attach(Authentication authentication, HttpServletRequest request, Actor actor, @PathVariable long id,
                  @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        authored(authentication, request, id);
        try {
            if (file == null || file.isEmpty()) {
                throw new KhlangProblem(ProblemKind.INVALID, "order.file.required");
            }
            orders.attach(id, file.getOriginalFilename(), file.getBytes(), actor);
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:" + prefix(request) + "/" + id;
    }

    /** Submitting is confirmed on the head's phone: ask, wait on the confirmation page, then submit. */
    @PostMapping({"/agency/orders/{id}/submit", "/registrar/head-appointments/{id}/submit"})
    String submit(Authentication authentication, HttpServletRequest request, Actor actor, @PathVariable long id,
                  HttpSession session, RedirectAttributes redirect) {
        authored(authentication, request, id);
        try {
            session.setAttribute(CONFIRMATION + id, orders.askToSubmit(id, actor));
            return "redirect:" + prefix(request) + "/" + id + "/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:" + prefix(request) + "/" + id;
        }
    }

    @GetMapping({"/agency/orders/{id}/confirm", "/registrar/orders/{id}/confirm",
        "/registrar/head-appointments/{id}/confirm"})
    String confirmPage(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                       HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/agency/")) {
            ownOrder(authentication, id);
        }
        String confirmation = (String) session.getAttribute(CONFIRMATION + id);
        model.addAttribute("order", orders.find(id).orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND,
                "order.notFound")));
        model.addAttribute("state", confirmation == null ? "CANCELLED" : confirmations.state(confirmation,
                actor.accountId()));
        model.addAttribute("base", request.getRequestURI());
        return "orders/confirm";
    }

    @GetMapping({"/agency/orders/{id}/confirm/status", "/registrar/orders/{id}/confirm/status",
        "/registrar/head-appointments/{id}/confirm/status"})
    @ResponseBody
    java.util.Map<String, String> confirmState(Actor actor, @PathVariable long id, HttpSession session) {
        String confirmation = (String) session.getAttribute(CONFIRMATION + id);
        return java.util.Map.of("state", confirmation == null ? "CANCELLED"
                : confirmations.state(confirmation, actor.accountId()));
    }

    @PostMapping({"/agency/orders/{id}/confirm", "/registrar/head-appointments/{id}/confirm"})
    String submitConfirmed(Authentication authentication, HttpServletRequest request, Actor actor,
                           @PathVariable long id, HttpSession session, RedirectAttributes redirect) {
        authored(authentication, request, id);
        try {
            orders.submit(id, (String) session.getAttribute(CONFIRMATION + id), actor);
            session.removeAttribute(CONFIRMATION + id);
            redirect.addFlashAttribute("notice", errors.message("orders.submitted"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:" + prefix(request) + "/" + id;
    }

    /** The registrar appoints an agency's head with the head's own document (reviewed by another registrar). */
    @GetMapping("/registrar/head-appointments")
    String headAppointmentForm() {
        return "orders/head";
    }

    @PostMapping("/registrar/head-appointments")
    String draftHeadAppointment(Actor actor, @RequestParam String agencyCode, @RequestParam String number,
                                @RequestParam String date, @RequestParam String signatory, Model model,
                                HttpServletResponse response) {
        try {
            long agencyId = agencies.byCode(new org.khlang.authority.AgencyCode(agencyCode))
                    .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFoundCode", agencyCode))
                    .id();
            AppointmentOrder order = orders.draftHeadAppointment(agencyId, number, parse(date), signatory, actor);
            return "redirect:/registrar/head-appointments/" + order.id();
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
            return "orders/head";
        }
    }

    @GetMapping("/registrar/orders")
    String queue(Actor actor, Model model) {
        List<AppointmentOrder> queue = orders.queue(actor);
        model.addAttribute("orders", queue);
        model.addAttribute("agencyNames", queue.stream()
                .map(order -> agencies.byId(order.agencyId()).map(a -> a.nameTh()).orElse("")).toList());
        return "orders/queue";
    }

    @GetMapping("/registrar/orders/{id}")
    String review(Actor actor, @PathVariable long id, Model model) {
        AppointmentOrder order = orders.queue(actor).stream().filter(candidate -> candidate.id() == id).findFirst()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
        model.addAttribute("order", order);
        model.addAttribute("agency", agencies.byId(order.agencyId()).orElseThrow());
        model.addAttribute("names", order.assignments().stream().map(a -> people.displayName(a.accountId())).toList());
        return "orders/review";
    }

    /** Approving or rejecting is confirmed on the registrar's phone too. */
    @PostMapping({"/registrar/orders/{id}/approve", "/registrar/orders/{id}/reject"})
    String review(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest request, HttpSession session, RedirectAttributes redirect) {
        boolean approve = request.getRequestURI().endsWith("/approve");
        try {
            session.setAttribute(CONFIRMATION + id, orders.askToReview(id, approve, approve ? null : reason, actor));
            session.setAttribute(DECISION + id, approve ? "APPROVE" : reason);
            return "redirect:/registrar/orders/" + id + "/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/registrar/orders/" + id;
        }
    }

    @PostMapping("/registrar/orders/{id}/confirm")
    String reviewConfirmed(Actor actor, @PathVariable long id, HttpSession session, RedirectAttributes redirect) {
        String confirmation = (String) session.getAttribute(CONFIRMATION + id);
        String decision = (String) session.getAttribute(DECISION + id);
        try {
            if ("APPROVE".equals(decision)) {
                orders.approve(id, confirmation, actor);
                redirect.addFlashAttribute("notice", errors.message("orders.approved"));
            } else {
                orders.reject(id, decision, confirmation, actor);
                redirect.addFlashAttribute("notice", errors.message("orders.rejected"));
            }
            session.removeAttribute(CONFIRMATION + id);
            session.removeAttribute(DECISION + id);
            return "redirect:/registrar/orders";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/registrar/orders/" + id;
        }
    }

    /** The signed order file, for the agency's head, the serving registrar and the agency's auditors. */
    /** Internal auditors read their agency's orders and download the signed files (R14); they change nothing. */
    @GetMapping("/audit/orders")
    String auditorOrders(Authentication authentication, Model model) {
        long agencyId = agencyOf(authentication);
        model.addAttribute("orders", orders.forAgency(agencyId));
        model.addAttribute("agency", agencies.byId(agencyId).orElseThrow());
        model.addAttribute("auditor", true);
        return "orders/agency";
    }

    @GetMapping({"/registrar/orders/{id}/file", "/agency/orders/{id}/file", "/audit/orders/{id}/file"})
    ResponseEntity<byte[]> file(Actor actor, @PathVariable long id) {
        AppointmentOrder order = orders.find(id)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
        byte[] content = orders.file(id, actor);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("order-" + order.id() + ".pdf").build().toString())
                .header("X-Content-SHA256", order.fileSha256())
                .body(content);
    }

    /** On agency paths the head's own agency's order; on registrar paths the service checks the serving office. */
    private AppointmentOrder authored(Authentication authentication, HttpServletRequest request, long id) {
        if (prefix(request).startsWith("/agency")) {
            return ownOrder(authentication, id);
        }
        return orders.find(id).filter(order -> order.kind() == OrderKind.HEAD)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
    }

    private static String prefix(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/registrar/head-appointments") ? "/registrar/head-appointments" : "/agency/orders";
    }

    private AppointmentOrder ownOrder(Authentication authentication, long id) {
        return orders.find(id).filter(order -> order.agencyId() == agencyOf(authentication))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
    }

    private static long agencyOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof ActorPrincipal principal && principal.agencyId() != null) {
            return principal.agencyId();
        }
        throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
    }

    private static LocalDate parse(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            throw new InvalidValueException("order.dates");
        }
    }
}
