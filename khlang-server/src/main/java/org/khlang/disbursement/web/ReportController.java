package org.khlang.disbursement.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.calendar.ThaiDates;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.RegisterRow;
import org.khlang.disbursement.Withdrawals;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.report.PdfPrinter;
import org.khlang.shared.report.ReportTable;
import org.khlang.shared.report.ReportTable.Column;
import org.khlang.shared.report.XlsxReports;
import org.khlang.shared.web.Messages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The money reports of the person's agency — withdrawal and payment register, budget status, trial balance — on
 * screen, as XLSX and as PDF (printed by Chromium, so Thai is shaped correctly), all from one table.
 */
@Controller
class ReportController {

    private final Withdrawals withdrawals;
    private final org.khlang.disbursement.Receipts receipts;
    private final Budgets budgets;
    private final Ledger ledger;
    private final Agencies agencies;
    private final ThaiDates dates;
    private final Messages messages;
    private final PdfPrinter printer;
    private final ITemplateEngine templates;
    private final Clock clock;

    ReportController(Withdrawals withdrawals, org.khlang.disbursement.Receipts receipts, Budgets budgets,
                     Ledger ledger, Agencies agencies, ThaiDates dates, Messages messages, PdfPrinter printer,
                     ITemplateEngine templates, Clock clock) {
        this.withdrawals = withdrawals;
        this.receipts = receipts;
        this.budgets = budgets;
        this.ledger = ledger;
        this.agencies = agencies;
        this.dates = dates;
        this.messages = messages;
        this.printer = printer;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping("/money/reports")
    String index(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("today", today);
        model.addAttribute("yearStart", fiscalYearStart(today));
        model.addAttribute("monthStart", today.withDayOfMonth(1));
        model.addAttribute("chart", ledger.chart());
        model.addAttribute("year", FiscalYears.of(today));
        return "money/reports";
    }

    @GetMapping("/money/reports/register")
    Object register(Authentication authentication, Actor actor, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(defaultValue = "html") String format,
                    Model model) {
        Agency agency = agency(authentication);
        LocalDate today = LocalDate.now(clock);
        LocalDate start = date(from, fiscalYearStart(today));
        LocalDate end = date(to, today);
        if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.period");
        }
        List<RegisterRow> found = withdrawals.register(agency.id(), start, end);
        List<List<Object>> rows = new ArrayList<>();
        for (RegisterRow row : found) {
            rows.add(List.of(row.displayNumber(), dates.date(row.recordedAt()), row.payee(), row.description(),
                    text("money.state." + row.state()), dates.date(row.approval1At()), dates.date(row.approval2At()),
                    dates.date(row.paidAt()), row.total()));
        }
        List<Object> totals = new ArrayList<>(java.util.Collections.nCopies(8, ""));
        totals.set(0, text("money.total") + " " + found.size() + " " + text("report.documents"));
        totals.add(ReportTable.sum(rows, 8));
        ReportTable table = new ReportTable(text("report.register.title"), List.of(agencyLine(agency),
                text("report.period.line", dates.date(start), dates.date(end))),
                List.of(Column.text(text("money.number")), Column.text(text("report.recorded")),
                        Column.text(text("money.payee")), Column.text(text("money.description")),
                        Column.text(text("field.state")), Column.text(text("report.approval1")),
                        Column.text(text("report.approval2")), Column.text(text("report.paidOn")),
                        Column.amount(text("money.amount"))),
                rows, totals, generated(actor));
        return answer(table, "register-" + start + "-" + end, format, model);
    }

    /** Receipts of a period with their deadlines under the regulation, remittance and status; late ones flagged. */
    @GetMapping("/money/reports/receipts")
    Object receiptsReport(Authentication authentication, Actor actor, @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = "html") String format, Model model) {
        Agency agency = agency(authentication);
        LocalDate today = LocalDate.now(clock);
        LocalDate start = date(from, today.withDayOfMonth(1));
        LocalDate end = date(to, today);
        if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.period");
        }
        List<List<Object>> rows = new ArrayList<>();
        int flagged = 0;
        for (org.khlang.disbursement.Receipt receipt : receipts.between(agency.id(), start, end)) {
            flagged += receipt.flagged() ? 1 : 0;
            rows.add(List.of(receipt.displayNumber(), dates.date(receipt.receivedOn()), receipt.payer(),
                    text("money.method." + receipt.method()), dates.dateTime(receipt.deadline()),
                    text("money.rule." + receipt.rule()), dates.dateTime(receipt.remittedAt()),
                    text("money.receiptStatus." + receipt.status()), receipt.cancelled()
                            ? java.math.BigDecimal.ZERO.setScale(2) : receipt.amount()));
        }
        List<Object> totals = new ArrayList<>(java.util.Collections.nCopies(8, ""));
        totals.set(0, text("money.total") + " " + rows.size() + " " + text("report.documents"));
        totals.set(7, text("report.flagged", flagged));
        totals.add(ReportTable.sum(rows, 8));
        ReportTable table = new ReportTable(text("report.receipts.title"), List.of(agencyLine(agency),
                text("report.received.line", dates.date(start), dates.date(end)),
                text("report.cashOnHand", org.khlang.shared.Baht.format(receipts.cashOnHand(agency.id(), today)))),
                List.of(Column.text(text("money.number")), Column.text(text("money.receivedOn")),
                        Column.text(text("money.payer")), Column.text(text("money.method")),
                        Column.text(text("money.deadline")), Column.text(text("report.rule")),
                        Column.text(text("report.remittedAt")), Column.text(text("field.state")),
                        Column.amount(text("money.amount"))),
                rows, totals, generated(actor));
        return answer(table, "receipts-" + start + "-" + end, format, model);
    }

    @GetMapping("/money/reports/budget")
    Object budget(Authentication authentication, Actor actor, @RequestParam(required = false) Integer year,
                  @RequestParam(defaultValue = "html") String format, Model model) {
        Agency agency = agency(authentication);
        int fiscalYear = year == null ? FiscalYears.of(LocalDate.now(clock)) : year;
        if (fiscalYear < 2500 || fiscalYear > 2700) {
            throw new KhlangProblem(ProblemKind.INVALID, "budget.fiscalYear");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (BudgetLine line : budgets.lines(agency.id(), fiscalYear)) {
            rows.add(List.of(line.budgetCode(), line.fundSource(), line.glCode(), line.activity(), line.allotted(),
                    line.reserved(), line.committed(), line.paid(), line.available()));
        }
        List<Object> totals = new ArrayList<>(List.of(text("money.total"), "", "", ""));
        for (int column = 4; column < 9; column++) {
            totals.add(ReportTable.sum(rows, column));
        }
        ReportTable table = new ReportTable(text("report.budget.title", fiscalYear), List.of(agencyLine(agency),
                text("report.asOf", dates.dateTime(clock.instant()))),
                List.of(Column.text(text("money.budgetCode")), Column.text(text("money.fundSource")),
                        Column.text(text("money.gl")), Column.text(text("money.activity")),
                        Column.amount(text("money.allotted")), Column.amount(text("money.reserved")),
                        Column.amount(text("money.committed")), Column.amount(text("money.paid")),
                        Column.amount(text("money.available"))),
                rows, totals, generated(actor));
        return answer(table, "budget-" + fiscalYear, format, model);
    }

    /** Every posting to one GL account between two dates, with the running balance from before the start. */
    @GetMapping("/money/reports/gl-detail")
    Object glDetail(Authentication authentication, Actor actor, @RequestParam(required = false) String gl,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "html") String format, Model model) {
        Agency agency = agency(authentication);
        LocalDate today = LocalDate.now(clock);
        LocalDate start = date(from, fiscalYearStart(today));
        LocalDate end = date(to, today);
        if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.period");
        }
        org.khlang.ledger.GlAccount account = ledger.account(gl)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.INVALID, "ledger.account.unknown", String.valueOf(gl)));
        List<List<Object>> rows = new ArrayList<>();
        for (org.khlang.ledger.GlDetailLine line : ledger.detail(agency.id(), account.code(), start, end)) {
            rows.add(List.of(dates.date(line.date()), line.reference(), line.description(), line.source(),
                    line.debit(), line.credit(), line.runningBalance()));
        }
        List<Object> totals = new ArrayList<>(List.of(text("money.total"), "", "", ""));
        totals.add(ReportTable.sum(rows, 4));
        totals.add(ReportTable.sum(rows, 5));
        totals.add(rows.isEmpty() ? "" : rows.getLast().get(6));
        ReportTable table = new ReportTable(text("report.glDetail.title", account.code(),
                account.name(LocaleContextHolder.getLocale())), List.of(agencyLine(agency),
                text("report.posted.line", dates.date(start), dates.date(end))),
                List.of(Column.text(text("report.date")), Column.text(text("report.reference")),
                        Column.text(text("money.description")), Column.text(text("report.source")),
                        Column.amount(text("report.debit")), Column.amount(text("report.credit")),
                        Column.amount(text("report.balance"))),
                rows, totals, generated(actor));
        return answer(table, "gl-" + account.code() + "-" + start + "-" + end, format, model);
    }

    @GetMapping("/money/reports/trial-balance")
    Object trialBalance(Authentication authentication, Actor actor, @RequestParam(required = false) String date,
                        @RequestParam(defaultValue = "html") String format, Model model) {
        Agency agency = agency(authentication);
        LocalDate asOf = date(date, LocalDate.now(clock));
        TrialBalance balance = ledger.trialBalance(agency.id(), asOf);
        java.util.Locale locale = LocaleContextHolder.getLocale();
        List<List<Object>> rows = new ArrayList<>();
        for (TrialBalance.Row row : balance.rows()) {
            rows.add(List.of(row.account().code(), row.account().name(locale), row.debitBalance(),
                    row.creditBalance()));
        }
        List<Object> totals = List.of(text("money.total"), balance.balanced() ? text("report.balanced")
                : text("report.unbalanced"), balance.totalDebits(), balance.totalCredits());
        ReportTable table = new ReportTable(text("report.trialBalance.title"), List.of(agencyLine(agency),
                text("report.asOfDate", dates.date(asOf))),
                List.of(Column.text(text("money.gl")), Column.text(text("report.accountName")),
                        Column.amount(text("report.debit")), Column.amount(text("report.credit"))),
                rows, totals, generated(actor));
        return answer(table, "trial-balance-" + asOf, format, model);
    }

    /** The same table on screen, as XLSX or as PDF. */
    private Object answer(ReportTable table, String name, String format, Model model) {
        return switch (format) {
            case "xlsx" -> ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name + ".xlsx"))
                    .body(XlsxReports.write(table));
            case "pdf" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name + ".pdf"))
                    .body(printer.print(printable(table)));
            case "html" -> {
                model.addAttribute("table", table);
                model.addAttribute("xlsxLink", link("xlsx"));
                model.addAttribute("pdfLink", link("pdf"));
                yield "money/report";
            }
            default -> throw new KhlangProblem(ProblemKind.INVALID, "report.format");
        };
    }

    /** The same report in another format, as a path relative to this server (works behind a proxy). */
    private static String link(String format) {
        org.springframework.web.util.UriComponents current = org.springframework.web.servlet.support
                .ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("format", format).encode().build();
        return current.getPath() + "?" + current.getQuery();
    }

    /** The print page: self-contained HTML (inline style, Thai fonts installed with the system), A4 landscape. */
    String printable(ReportTable table) {
        Context context = new Context(LocaleContextHolder.getLocale());
        context.setVariable("table", table);
        return templates.process("money/report-print", context);
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }

    private Agency agency(Authentication authentication) {
        return agencies.byId(MoneyApiController.agencyOf(authentication))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden"));
    }

    private String agencyLine(Agency agency) {
        return agency.name(LocaleContextHolder.getLocale()) + " (" + agency.code().value() + ")";
    }

    private String generated(Actor actor) {
        return text("report.generated", actor.username(), dates.dateTime(clock.instant()));
    }

    private String text(String code, Object... arguments) {
        return messages.current(code, arguments);
    }

    private static LocalDate fiscalYearStart(LocalDate date) {
        int year = date.getMonthValue() >= 10 ? date.getYear() : date.getYear() - 1;
        return LocalDate.of(year, 10, 1);
    }

    private static LocalDate date(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.date");
        }
    }
}
