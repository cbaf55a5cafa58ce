package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
import org.khlang.calendar.ThaiDates;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingLine;
import org.khlang.disbursement.WithholdingRemittance;
import org.khlang.disbursement.Withholdings;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.ledger.Ledger;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.SoftTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Certificates, monthly lists and the remittance of withheld tax: mapping, queries and the remittance's posting. */
@Service
class JdbcWithholdings implements Withholdings {

    private static final ZoneId BANGKOK = ThaiDates.BANGKOK;

    private static final String LINE = """
            select p.id as payment_id, p.withdrawal_id, w.doc_number, p.certificate_no, p.result_at, y.name, y.tax_id,
                   w.withholding_status, w.total - w.vat_amount as taxable, w.withholding_rate, w.withholding_tax,
                   w.doc_type, p.withholding_remittance_id
              from payment p join withdrawal w on w.id = p.withdrawal_id join payee y on y.id = w.payee_id
             where p.state = 'PAID' and w.withholding_tax > 0""";

    private final JdbcClient jdbc;
    private final AgencyRights rights;
    private final Agencies agencies;
    private final SoftTokens softTokens;
    private final Ledger ledger;
    private final AuditLog audit;
    private final Clock clock;

    JdbcWithholdings(JdbcClient jdbc, AgencyRights rights, Agencies agencies, SoftTokens softTokens, Ledger ledger,
                     AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.rights = rights;
        this.agencies = agencies;
        this.softTokens = softTokens;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WithholdingLine> certificate(long withdrawalId) {
        return jdbc.sql(LINE + " and p.withdrawal_id = ?").param(withdrawalId).query(JdbcWithholdings::line)
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<WithholdingLine> month(long agencyId, YearMonth month, TaxStatus status) {
        return lines(agencyId, month, status, false);
    }

    private List<WithholdingLine> lines(long agencyId, YearMonth month, TaxStatus status, boolean lock) {
        OffsetDateTime from = month.atDay(1).atStartOfDay(BANGKOK).toOffsetDateTime();
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(BANGKOK).toOffsetDateTime();
        return jdbc.sql(LINE + " and w.agency_id = ? and w.withholding_status = ? and p.result_at >= ?"
                        + " and p.result_at < ? order by p.result_at, p.id" + (lock ? " for update" : ""))
                .params(agencyId, status.name(), from, to).query(JdbcWithholdings::line).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<WithholdingRemittance> remittances(long agencyId) {
        return jdbc.sql("select id, agency_id, tax_month, form, item_count, total, remitted_by, remitted_at"
                        + " from withholding_remittance where agency_id = ? order by tax_month desc, form")
                .param(agencyId).query((rs, row) -> new WithholdingRemittance(rs.getLong("id"),
                        rs.getLong("agency_id"), YearMonth.from(rs.getObject("tax_month", LocalDate.class)),
                        rs.getString("form").equals("PND3") ? TaxStatus.INDIVIDUAL : TaxStatus.JURISTIC,
                        rs.getInt("item_count"), rs.getBigDecimal("total"), rs.getLong("remitted_by"),
                        rs.getObject("remitted_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    @Transactional
    public SigningRequest askRemittance(long agencyId, YearMonth month, TaxStatus status, Actor approver) {
        List<WithholdingLine> due = due(agencyId, month, status, approver, false);
        BigDecimal total = total(due);
        String sha256 = canonical(agencyId, month, status, due);
        String form = status.form();
        Map<String, String> display = new LinkedHashMap<>();
        display.put("document", form + " " + thaiMonth(month));
        display.put("amount", Baht.format(total) + " บาท");
        display.put("amountWords", BahtText.of(total));
        display.put("agency", agencies.byId(agencyId).map(Agency::nameTh).orElse(""));
        display.put("detail_th", "นำส่งภาษีหัก ณ ที่จ่าย " + form + " เดือน" + thaiMonth(month) + "\n"
                + due.size() + " รายการ รวม " + Baht.format(total) + " บาท (" + BahtText.of(total) + ")\nแก่กรมสรรพากร");
        String id = softTokens.requestApproval(approver.accountId(), "อนุมัตินำส่งภาษี " + form + " " + thaiMonth(month),
                "Approve remitting withheld tax " + status + " " + month, display, sha256).id();
        return new SigningRequest(id, sha256, due.size(), total);
    }

    @Override
    @Transactional
    public WithholdingRemittance remit(long agencyId, YearMonth month, TaxStatus status, String confirmationId,
                                       Actor approver) {
        List<WithholdingLine> due = due(agencyId, month, status, approver, true);
        String sha256 = canonical(agencyId, month, status, due);
        String target = "withholding:" + month + ":" + formCode(status);
        String signed = softTokens.consumeApproval(confirmationId, approver.accountId(), sha256)
                .orElseThrow(() -> rights.refuse(approver, agencyId, target, "withdrawal.confirmation.missing"));
        BigDecimal total = total(due);
        BigDecimal fromBudget = due.stream().filter(WithholdingLine::budget).map(WithholdingLine::tax)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<JournalLine> lines = new ArrayList<>(3);
        lines.add(JournalLine.debit(JdbcWithdrawals.WITHHOLDING_PAYABLE, total));
        if (fromBudget.signum() > 0) {
            lines.add(JournalLine.credit(JdbcWithdrawals.BUDGET_REVENUE, fromBudget));
        }
        if (total.compareTo(fromBudget) > 0) {
            lines.add(JournalLine.credit(JdbcWithdrawals.TREASURY_DEPOSITS, total.subtract(fromBudget)));
        }
        String reference = formCode(status) + "-" + month;
        long entryId = ledger.post(new JournalEntry(agencyId, rights.today(), "withholding.remitted", reference,
                "นำส่งภาษีหัก ณ ที่จ่าย " + status.form() + " เดือน" + thaiMonth(month), lines), approver).id();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into withholding_remittance (agency_id, tax_month, form, item_count, total, entry_id,
                                                            remitted_by, remitted_at, content_sha256, signed_decision)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agencyId, month.atDay(1), formCode(status), due.size(), total, entryId, approver.accountId(),
                        OffsetDateTime.now(clock), sha256, signed)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        jdbc.sql("update payment set withholding_remittance_id = :remittance where id in (:ids)")
                .param("remittance", id).param("ids", due.stream().map(WithholdingLine::paymentId).toList()).update();
        audit.append(AuditEntry.of("disbursement.withholding.remitted").by(approver.username(), approver.accountId())
                .agency(agencyId).target(target).with("count", due.size()).with("total", total)
                .with("sha256", sha256).with("journal", entryId).build());
        return remittances(agencyId).stream().filter(remittance -> remittance.id() == id).findFirst().orElseThrow();
    }

    /**
     * R6, R13: a PAYMENT_APPROVER of the agency; a month that has ended (every payment of it is in the list); not
     * remitted before; something to remit.
     */
    private List<WithholdingLine> due(long agencyId, YearMonth month, TaxStatus status, Actor approver, boolean lock) {
        String target = "withholding:" + month + ":" + (status == null ? "" : formCode(status));
        rights.require(approver, agencyId, target, Right.PAYMENT_APPROVER);
        if (status == null || status == TaxStatus.EXEMPT) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.status");
        }
        if (!month.isBefore(YearMonth.from(rights.today()))) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withholding.remit.monthOpen", thaiMonth(month));
        }
        if (jdbc.sql("select count(*) from withholding_remittance where agency_id = ? and tax_month = ? and form = ?")
                .params(agencyId, month.atDay(1), formCode(status)).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withholding.remit.done", status.form(), thaiMonth(month));
        }
        List<WithholdingLine> due = lines(agencyId, month, status, lock);
        if (due.isEmpty()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withholding.remit.nothing", status.form(),
                    thaiMonth(month));
        }
        return due;
    }

    /** What the approver signs: the agency, month, return, and every payment's certificate and tax. */
    static String canonical(long agencyId, YearMonth month, TaxStatus status, List<WithholdingLine> lines) {
        StringBuilder text = new StringBuilder("khlang-withholding-remittance-v1|").append(agencyId).append('|')
                .append(month).append('|').append(formCode(status)).append('|').append(lines.size()).append('|')
                .append(Baht.canonical(total(lines)));
        for (WithholdingLine line : lines) {
            text.append("|pay:").append(line.paymentId()).append(',').append(line.certificateNumber()).append(',')
                    .append(line.payeeTaxId()).append(',').append(Baht.canonical(line.tax()));
        }
        return Canonical.sha256(text.toString());
    }

    static String formCode(TaxStatus status) {
        return status == TaxStatus.INDIVIDUAL ? "PND3" : "PND53";
    }

    private static BigDecimal total(List<WithholdingLine> lines) {
        return lines.stream().map(WithholdingLine::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String thaiMonth(YearMonth month) {
        return ThaiDates.thaiMonth(month);
    }

    private static WithholdingLine line(ResultSet rs, int row) throws SQLException {
        Object remittance = rs.getObject("withholding_remittance_id");
        return new WithholdingLine(rs.getLong("payment_id"), rs.getLong("withdrawal_id"), rs.getString("doc_number"),
                rs.getString("certificate_no"),
                rs.getObject("result_at", OffsetDateTime.class).atZoneSameInstant(BANGKOK).toLocalDate(),
                rs.getString("name"), rs.getString("tax_id").strip(),
                TaxStatus.valueOf(rs.getString("withholding_status")), rs.getBigDecimal("taxable"),
                rs.getBigDecimal("withholding_rate"), rs.getBigDecimal("withholding_tax"),
                !rs.getString("doc_type").equals("KB03"), remittance == null ? null : ((Number) remittance).longValue());
    }
}
