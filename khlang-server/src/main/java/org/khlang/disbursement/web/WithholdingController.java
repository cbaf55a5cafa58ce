package org.khlang.disbursement.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.calendar.ThaiDates;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingLine;
import org.khlang.disbursement.WithholdingRemittance;
import org.khlang.disbursement.Withdrawals;
import org.khlang.disbursement.Withholdings;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.report.PdfPrinter;
import org.khlang.shared.report.ReportTable;
import org.khlang.shared.report.ReportTable.Column;
import org.khlang.shared.report.XlsxReports;
import org.khlang.shared.web.FormErrors;
import org.khlang.shared.web.Messages;
import org.khlang.softtoken.SoftTokens;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * R13 on screen: a paid payment's 50 ทวิ certificate as a Thai PDF, the month's ภ.ง.ด.3 and ภ.ง.ด.53 lists on
 * screen, as XLSX and PDF, and their remittance approved on the phone.
 */
@Controller
class WithholdingController {

    private static final String PENDING = "withholding.pending.";

    private final Withholdings withholdings;
    private final Withdrawals withdrawals;
    private final Agencies agencies;
    private final SoftTokens softTokens;
    private final ThaiDates dates;
    private final Messages messages;
    private final FormErrors errors;
    private final PdfPrinter printer;
    private final ITemplateEngine templates;
    private final Clock clock;

    WithholdingController(Withholdings withholdings, Withdrawals withdrawals, Agencies agencies,
                          SoftTokens softTokens, ThaiDates dates, Messages messages, FormErrors errors,
                          PdfPrinter printer, ITemplateEngine templates, Clock clock) {
        this.withholdings = withholdings;
        this.withdrawals = withdrawals;
        this.agencies = agencies;
        this.softTokens = softTokens;
        this.dates = dates;
        this.messages = messages;
        this.errors = errors;
        this.printer = printer;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping("/money/withdrawals/{id}/certificate.pdf")
    ResponseEntity<byte[]> certificate(Authentication authentication, @PathVariable long id) {
        Agency agency = agency(authentication);
        org.khlang.disbursement.Withdrawal withdrawal = withdrawals.find(id)
                .filter(found -> found.agencyId() == agency.id())
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
        WithholdingLine line = withholdings.certificate(id)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withholding.certificate.none"));
        Context context = new Context(LocaleContextHolder.getLocale());
        context.setVariable("line", line);
        context.setVariable("agency", agency);
        context.setVariable("paidOn", dates.date(line.paidOn(), java.util.Locale.forLanguageTag("th")));
        context.setVariable("documentNumber", withdrawal.displayNumber());
        context.setVariable("basis", line.status() == TaxStatus.JURISTIC
                ? "ค่าซื้อสินค้าหรือค่าจ้าง ที่ส่วนราชการจ่าย (มาตรา 69 ตรี)" : "ค่าซื้อสินค้าหรือค่าจ้าง (มาตรา 40 (8))");
        context.setVariable("generated", dates.dateTime(clock.instant()));
        context.setVariable("taxable", Baht.format(line.taxable()));
        context.setVariable("tax", Baht.format(line.tax()));
        context.setVariable("taxWords", org.khlang.shared.BahtText.of(line.tax()));
        return pdf("50tawi-" + line.certificateNumber() + ".pdf",
                printer.print(templates.process("money/certificate-print", context)));
    }

    @GetMapping("/money/withholding")
    String month(Authentication authentication, @RequestParam(required = false) String month, Model model) {
        Agency agency = agency(authentication);
        YearMonth shown = month == null ? YearMonth.now(clock).minusMonths(1) : parseMonth(month);
        model.addAttribute("month", shown);
        model.addAttribute("monthName", thaiMonth(shown));
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.plusMonths(1));
        model.addAttribute("juristic", withholdings.month(agency.id(), shown, TaxStatus.JURISTIC));
        model.addAttribute("individual", withholdings.month(agency.id(), shown, TaxStatus.INDIVIDUAL));
        model.addAttribute("remittances", withholdings.remittances(agency.id()));
        model.addAttribute("closed", shown.isBefore(YearMonth.now(clock)));
        return "money/withholding";
    }

    @GetMapping({"/money/withholding/{month}/{form}.xlsx", "/money/withholding/{month}/{form}.pdf"})
    ResponseEntity<byte[]> report(Authentication authentication, Actor actor, @PathVariable String month,
                                  @PathVariable String form, jakarta.servlet.http.HttpServletRequest request) {
        Agency agency = agency(authentication);
        YearMonth shown = parseMonth(month);
        TaxStatus status = switch (form) {
            case "pnd3" -> TaxStatus.INDIVIDUAL;
            case "pnd53" -> TaxStatus.JURISTIC;
            default -> throw new KhlangProblem(ProblemKind.NOT_FOUND, "withholding.form");
        };
        ReportTable table = table(agency, shown, status, withholdings.month(agency.id(), shown, status), actor);
        String name = form + "-" + shown;
        if (request.getRequestURI().endsWith(".xlsx")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name + ".xlsx"))
                    .body(XlsxReports.write(table));
        }
        Context context = new Context(LocaleContextHolder.getLocale());
        context.setVariable("table", table);
        return pdf(name + ".pdf", printer.print(templates.process("money/report-print", context)));
    }

    @PostMapping("/money/withholding/remit")
    String askRemittance(Authentication authentication, Actor actor, @RequestParam(defaultValue = "") String month,
                         @RequestParam(defaultValue = "") String form, HttpSession session,
                         RedirectAttributes redirect) {
        Agency agency = agency(authentication);
        try {
            YearMonth shown = parseMonth(month);
            TaxStatus status = parseForm(form);
            SigningRequest request = withholdings.askRemittance(agency.id(), shown, status, actor);
            session.setAttribute(PENDING + shown + form, request.confirmationId());
            session.setAttribute(PENDING + shown + form + ".total", request.total());
            return "redirect:/money/withholding/confirm?month=" + shown + "&form=" + form;
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money/withholding" + (month.isBlank() ? "" : "?month=" + month.strip());
        }
    }

    @GetMapping("/money/withholding/confirm")
    String confirm(Actor actor, @RequestParam String month, @RequestParam String form, HttpSession session,
                   Model model) {
        YearMonth shown = parseMonth(month);
        TaxStatus status = parseForm(form);
        Object total = session.getAttribute(PENDING + shown + form + ".total");
        model.addAttribute("what", status.form() + " " + thaiMonth(shown));
        model.addAttribute("total", total == null ? BigDecimal.ZERO : total);
        model.addAttribute("base", "/money/withholding/confirm?month=" + shown + "&form=" + form);
        model.addAttribute("statusUrl", "/money/withholding/confirm/status?month=" + shown + "&form=" + form);
        model.addAttribute("back", "/money/withholding?month=" + shown);
        model.addAttribute("state", state((String) session.getAttribute(PENDING + shown + form), actor));
        return "money/confirm";
    }

    @GetMapping("/money/withholding/confirm/status")
    @ResponseBody
    Map<String, String> confirmState(Actor actor, @RequestParam String month, @RequestParam String form,
                                     HttpSession session) {
        return Map.of("state", state((String) session.getAttribute(PENDING + parseMonth(month) + form), actor));
    }

    @PostMapping("/money/withholding/confirm")
    String remit(Authentication authentication, Actor actor, @RequestParam String month, @RequestParam String form,
                 HttpSession session, RedirectAttributes redirect) {
        Agency agency = agency(authentication);
        YearMonth shown = parseMonth(month);
        String confirmation = (String) session.getAttribute(PENDING + shown + form);
        session.removeAttribute(PENDING + shown + form);
        session.removeAttribute(PENDING + shown + form + ".total");
        try {
            WithholdingRemittance done = withholdings.remit(agency.id(), shown, parseForm(form), confirmation, actor);
            redirect.addFlashAttribute("notice", errors.message("withholding.remitted", done.status().form(),
                    thaiMonth(shown), Baht.format(done.total())));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/withholding?month=" + shown;
    }

    private ReportTable table(Agency agency, YearMonth month, TaxStatus status, List<WithholdingLine> lines,
                              Actor actor) {
        List<List<Object>> rows = new ArrayList<>();
        int number = 1;
        BigDecimal taxable = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (WithholdingLine line : lines) {
            rows.add(List.of(Integer.toString(number++), line.taxIdPrinted(), line.payeeName(),
                    dates.date(line.paidOn()), line.certificateNumber(), line.percent(), line.taxable(), line.tax()));
            taxable = taxable.add(line.taxable());
            tax = tax.add(line.tax());
        }
        return new ReportTable(messages.current("withholding.report.title", status.form(), thaiMonth(month)),
                List.of(agency.name(LocaleContextHolder.getLocale()) + " (" + agency.code().value() + ")",
                        messages.current("withholding.report.count", lines.size())),
                List.of(Column.text(messages.current("withholding.report.no")),
                        Column.text(messages.current("money.taxId")),
                        Column.text(messages.current("money.payee")),
                        Column.text(messages.current("withholding.report.paidOn")),
                        Column.text(messages.current("withholding.report.certificate")),
                        Column.text(messages.current("withholding.rate")),
                        Column.amount(messages.current("withholding.report.taxable")),
                        Column.amount(messages.current("withholding.report.tax"))),
                rows, List.of(messages.current("money.total"), "", "", "", "", "", taxable, tax),
                messages.current("report.generated", actor.username(), dates.dateTime(clock.instant())));
    }

    private String state(String confirmation, Actor actor) {
        return confirmation == null ? "CANCELLED" : softTokens.approvalState(confirmation, actor.accountId()).name();
    }

    private Agency agency(Authentication authentication) {
        return agencies.byId(MoneyApiController.agencyOf(authentication))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden"));
    }

    static YearMonth parseMonth(String text) {
        try {
            YearMonth month = YearMonth.parse(text.strip());
            if (month.getYear() < 2020 || month.getYear() > 2100) {
                throw new KhlangProblem(ProblemKind.INVALID, "withholding.month");
            }
            return month;
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.month");
        }
    }

    private static TaxStatus parseForm(String form) {
        return switch (form) {
            case "pnd3" -> TaxStatus.INDIVIDUAL;
            case "pnd53" -> TaxStatus.JURISTIC;
            default -> throw new KhlangProblem(ProblemKind.INVALID, "withholding.status");
        };
    }

    private String thaiMonth(YearMonth month) {
        return dates.month(month);
    }

    private static ResponseEntity<byte[]> pdf(String name, byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name)).body(body);
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }
}
