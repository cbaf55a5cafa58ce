package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
import org.khlang.calendar.BusinessDays;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewReceipt;
import org.khlang.disbursement.Receipt;
import org.khlang.disbursement.ReceiptMethod;
import org.khlang.disbursement.Receipts;
import org.khlang.disbursement.Remittance;
import org.khlang.disbursement.SigningRequest;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.ledger.Ledger;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.SoftTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcReceipts implements Receipts {

    static final String CASH = "1101010101";
    static final String BANK = "1101020601";
    static final String AWAITING_REMITTANCE = "2116010104";
    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    static final int MAX_REMITTANCE = 5_000;

    private static final String COLUMNS = "r.id, r.agency_id, r.doc_number, r.received_on, r.received_at, r.payer,"
            + " r.description, r.method, r.amount, r.state, r.remittance_id, m.approved_at as remitted_at";
    private static final String FROM = " from receipt r left join remittance m on m.id = r.remittance_id"
            + " and m.state = 'REMITTED'";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AgencyRights rights;
    private final DocumentNumbers numbers;
    private final BusinessDays businessDays;
    private final SoftTokens softTokens;
    private final Agencies agencies;
    private final AuditLog audit;
    private final Clock clock;

    JdbcReceipts(JdbcClient jdbc, Ledger ledger, AgencyRights rights, DocumentNumbers numbers,
                 BusinessDays businessDays, SoftTokens softTokens, Agencies agencies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rights = rights;
        this.numbers = numbers;
        this.businessDays = businessDays;
        this.softTokens = softTokens;
        this.agencies = agencies;
        this.audit = audit;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- receipts

    @Override
    @Transactional
    public Receipt issue(long agencyId, NewReceipt input, Actor recorder) {
        rights.require(recorder, agencyId, "receipt", Right.RECORDER);
        LocalDate today = rights.today();
        if (input.method() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.method");
        }
        if (input.receivedOn() == null || input.receivedOn().isAfter(today)
                || input.receivedOn().isBefore(today.minusDays(31))) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.date");
        }
        String payer = input.payer() == null ? "" : input.payer().strip();
        String description = input.description() == null ? "" : input.description().strip();
        if (payer.isEmpty() || payer.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.payer");
        }
        if (description.isEmpty() || description.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.description");
        }
        BigDecimal amount;
        try {
            amount = Baht.positive(input.amount());
        } catch (InvalidValueException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, invalid.code());
        }
        int fiscalYear = FiscalYears.of(input.receivedOn());
        String number = numbers.format("RC", fiscalYear, numbers.next(agencyId, fiscalYear, "RECEIPT"));
        String debit = input.method() == ReceiptMethod.CASH ? CASH : BANK;
        long entryId = ledger.post(new JournalEntry(agencyId, input.receivedOn(), "receipt.issued", number,
                "รับเงิน " + description, List.of(JournalLine.debit(debit, amount),
                JournalLine.credit(AWAITING_REMITTANCE, amount))), recorder).id();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into receipt (agency_id, fiscal_year, doc_number, received_on, received_at, payer,
                                             description, method, amount, state, recorded_by, entry_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?)""")
                .params(agencyId, fiscalYear, number, input.receivedOn(), OffsetDateTime.now(clock), payer,
                        description, input.method().name(), amount, recorder.accountId(), entryId)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("disbursement.receipt.issued").by(recorder.username(), recorder.accountId())
                .agency(agencyId).target("receipt:" + id).with("number", number).with("method", input.method())
                .with("amount", amount).with("receivedOn", input.receivedOn()).build());
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Receipt cancel(long receiptId, String reason, Actor recorder) {
        Map<String, Object> row = jdbc.sql("select agency_id, state, remittance_id, entry_id, doc_number from receipt"
                        + " where id = ? for update").param(receiptId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "receipt.notFound"));
        long agencyId = ((Number) row.get("agency_id")).longValue();
        rights.require(recorder, agencyId, "receipt:" + receiptId, Right.RECORDER);
        if (!"ISSUED".equals(row.get("state")) || row.get("remittance_id") != null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "receipt.notCancellable", row.get("doc_number"));
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.cancel.reason");
        }
        ledger.reverse(((Number) row.get("entry_id")).longValue(), rights.today(), "ยกเลิกใบเสร็จ " + why, recorder);
        jdbc.sql("update receipt set state = 'CANCELLED', cancelled_by = ?, cancelled_at = ?, cancel_reason = ?"
                        + " where id = ?")
                .params(recorder.accountId(), OffsetDateTime.now(clock), why, receiptId).update();
        audit.append(AuditEntry.of("disbursement.receipt.cancelled").by(recorder.username(), recorder.accountId())
                .agency(agencyId).target("receipt:" + receiptId).with("number", row.get("doc_number"))
                .with("reason", why).build());
        return find(receiptId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Receipt> find(long receiptId) {
        List<Raw> raw = raw("where r.id = ?", receiptId);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withDeadlines(raw.getFirst().agencyId(), raw).getFirst());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Receipt> between(long agencyId, LocalDate from, LocalDate to) {
        return withDeadlines(agencyId, raw("where r.agency_id = ? and r.received_on between ? and ?"
                + " order by r.received_on, r.id fetch first 20000 rows only", agencyId, from, to));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Receipt> unremitted(long agencyId) {
        return withDeadlines(agencyId, raw("where r.agency_id = ? and r.state = 'ISSUED' and (r.remittance_id is null"
                + " or m.id is null) order by r.received_on, r.id fetch first 5000 rows only", agencyId));
    }

    @Override
    @Transactional(readOnly = true)
    public BigDecimal cashOnHand(long agencyId, LocalDate day) {
        return jdbc.sql("select coalesce(sum(r.amount), 0)" + FROM + " where r.agency_id = ? and r.method = 'CASH'"
                        + " and r.state = 'ISSUED' and r.received_on <= ? and (m.id is null or m.approved_at >= ?)")
                .params(agencyId, day, day.plusDays(1).atStartOfDay(BANGKOK).toOffsetDateTime())
                .query(BigDecimal.class).single().setScale(2);
    }

    private record Raw(long id, long agencyId, String number, LocalDate receivedOn, Instant receivedAt, String payer,
                       String description, ReceiptMethod method, BigDecimal amount, boolean cancelled,
                       Long remittanceId, Instant remittedAt) {
    }

    private List<Raw> raw(String where, Object... params) {
        return jdbc.sql("select " + COLUMNS + FROM + " " + where).params(params)
                .query((rs, row) -> raw(rs)).list();
    }

    private static Raw raw(ResultSet rs) throws SQLException {
        Object remittance = rs.getObject("remittance_id");
        OffsetDateTime remitted = rs.getObject("remitted_at", OffsetDateTime.class);
        return new Raw(rs.getLong("id"), rs.getLong("agency_id"), rs.getString("doc_number"),
                rs.getObject("received_on", LocalDate.class),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("payer"),
                rs.getString("description"), ReceiptMethod.valueOf(rs.getString("method")), rs.getBigDecimal("amount"),
                "CANCELLED".equals(rs.getString("state")),
                remittance == null ? null : ((Number) remittance).longValue(),
                remitted == null ? null : remitted.toInstant());
    }

    /**
     * The regulation's deadline of each receipt. Cash: if, on any day from its receipt while it is still held, the
     * day's closing cash exceeds 10,000 baht, within 3 business days of the first such day. E-payment: by 10:00 of
     * the next business day. Everything: by the end of the last business day of the month received. The earliest
     * rule that applies is the receipt's deadline.
     */
    private List<Receipt> withDeadlines(long agencyId, List<Raw> receipts) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BANGKOK);
        Map<LocalDate, BigDecimal> closingCash = new LinkedHashMap<>();
        List<Receipt> result = new ArrayList<>(receipts.size());
        List<Raw> cash = receipts.stream().anyMatch(raw -> raw.method() == ReceiptMethod.CASH)
                ? cashReceipts(agencyId, receipts) : List.of();
        for (Raw raw : receipts) {
            Instant deadline = endOfDay(businessDays.lastOfMonth(YearMonth.from(raw.receivedOn())));
            Receipt.Rule rule = Receipt.Rule.MONTHLY;
            if (raw.method() == ReceiptMethod.EPAYMENT) {
                Instant nextMorning = businessDays.next(raw.receivedOn()).atTime(LocalTime.of(10, 0))
                        .atZone(BANGKOK).toInstant();
                if (nextMorning.isBefore(deadline)) {
                    deadline = nextMorning;
                    rule = Receipt.Rule.EPAYMENT_NEXT_DAY;
                }
            } else if (raw.method() == ReceiptMethod.CASH && !raw.cancelled()) {
                LocalDate heldUntil = raw.remittedAt() == null ? today
                        : LocalDate.ofInstant(raw.remittedAt(), BANGKOK).minusDays(1);
                for (LocalDate day = raw.receivedOn(); !day.isAfter(heldUntil); day = day.plusDays(1)) {
                    BigDecimal closing = closingCash.computeIfAbsent(day, d -> closing(cash, d));
                    if (closing.compareTo(CASH_LIMIT) > 0) {
                        Instant overLimit = endOfDay(businessDays.plus(day, 3));
                        if (overLimit.isBefore(deadline)) {
                            deadline = overLimit;
                            rule = Receipt.Rule.CASH_OVER_LIMIT;
                        }
                        break;
                    }
                }
            }
            Receipt.Status status;
            if (raw.cancelled()) {
                status = Receipt.Status.CANCELLED;
            } else if (raw.remittedAt() != null) {
                status = raw.remittedAt().isAfter(deadline) ? Receipt.Status.LATE : Receipt.Status.ON_TIME;
            } else {
                status = now.isAfter(deadline) ? Receipt.Status.OVERDUE : Receipt.Status.DUE;
            }
            result.add(new Receipt(raw.id(), raw.agencyId(), raw.number(), raw.receivedOn(), raw.receivedAt(),
                    raw.payer(), raw.description(), raw.method(), raw.amount(), raw.cancelled(), raw.remittanceId(),
                    raw.remittedAt(), deadline, rule, status));
        }
        return result;
    }

    /** The agency's cash receipts that could be held on the days in question (a window around those receipts). */
    private List<Raw> cashReceipts(long agencyId, List<Raw> receipts) {
        LocalDate first = receipts.stream().map(Raw::receivedOn).min(Comparator.naturalOrder()).orElseThrow();
        return raw("where r.agency_id = ? and r.method = 'CASH' and r.state = 'ISSUED'"
                + " and (m.id is null or m.approved_at >= ?)", agencyId, first.atStartOfDay(BANGKOK).toOffsetDateTime());
    }

    /** Cash held at the end of a day: received by then, not remitted by then. */
    private static BigDecimal closing(List<Raw> cash, LocalDate day) {
        Instant endOfDay = endOfDay(day);
        return cash.stream().filter(raw -> !raw.receivedOn().isAfter(day))
                .filter(raw -> raw.remittedAt() == null || !raw.remittedAt().isBefore(endOfDay))
                .map(Raw::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(BANGKOK).toInstant();
    }

    // ---------------------------------------------------------------- remittances

    @Override
    @Transactional
    public Remittance prepare(long agencyId, List<Long> receiptIds, Actor recorder) {
        rights.require(recorder, agencyId, "remittance", Right.RECORDER);
        if (receiptIds == null || receiptIds.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "remittance.empty");
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(receiptIds));
        if (ids.size() != receiptIds.size() || ids.size() > MAX_REMITTANCE) {
            throw new KhlangProblem(ProblemKind.INVALID, "remittance.size", MAX_REMITTANCE);
        }
        List<Map<String, Object>> rows = jdbc.sql("select id, agency_id, state, remittance_id, method, amount,"
                        + " doc_number from receipt where id in (:ids) order by id for update")
                .param("ids", ids).query().listOfRows();
        if (rows.size() != ids.size()) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "receipt.notFound");
        }
        BigDecimal cash = BigDecimal.ZERO.setScale(2);
        BigDecimal bank = BigDecimal.ZERO.setScale(2);
        for (Map<String, Object> row : rows) {
            if (((Number) row.get("agency_id")).longValue() != agencyId || !"ISSUED".equals(row.get("state"))) {
                throw new KhlangProblem(ProblemKind.CONFLICT, "remittance.receipt", row.get("doc_number"));
            }
            Object earlier = row.get("remittance_id");
            if (earlier != null && jdbc.sql("select state from remittance where id = ?")
                    .param(((Number) earlier).longValue()).query(String.class).single().matches("PREPARED|REMITTED")) {
                throw new KhlangProblem(ProblemKind.CONFLICT, "remittance.receipt", row.get("doc_number"));
            }
            BigDecimal amount = (BigDecimal) row.get("amount");
            if ("CASH".equals(row.get("method"))) {
                cash = cash.add(amount);
            } else {
                bank = bank.add(amount);
            }
        }
        int fiscalYear = FiscalYears.of(rights.today());
        String number = numbers.format("RM", fiscalYear, numbers.next(agencyId, fiscalYear, "REMITTANCE"));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into remittance (agency_id, fiscal_year, doc_number, total, cash_total, bank_total, state,
                                                prepared_by, prepared_at)
                        values (?, ?, ?, ?, ?, ?, 'PREPARED', ?, ?)""")
                .params(agencyId, fiscalYear, number, cash.add(bank), cash, bank, recorder.accountId(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        jdbc.sql("update receipt set remittance_id = :remittance where id in (:ids)")
                .param("remittance", id).param("ids", ids).update();
        audit.append(AuditEntry.of("disbursement.remittance.prepared").by(recorder.username(), recorder.accountId())
                .agency(agencyId).target("remittance:" + id).with("number", number).with("receipts", ids.size())
                .with("total", cash.add(bank)).build());
        return remittance(id).orElseThrow();
    }

    @Override
    @Transactional
    public Remittance cancelRemittance(long remittanceId, Actor recorder) {
        jdbc.sql("select id from remittance where id = ? for update").param(remittanceId).query(Long.class)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "remittance.notFound"));
        Remittance remittance = remittance(remittanceId).orElseThrow();
        rights.require(recorder, remittance.agencyId(), "remittance:" + remittanceId, Right.RECORDER);
        if (remittance.state() != Remittance.State.PREPARED) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withdrawal.state.of", remittance.displayNumber(),
                    remittance.state());
        }
        jdbc.sql("update receipt set remittance_id = null where remittance_id = ?").param(remittanceId).update();
        jdbc.sql("update remittance set state = 'CANCELLED' where id = ?").param(remittanceId).update();
        audit.append(AuditEntry.of("disbursement.remittance.cancelled").by(recorder.username(), recorder.accountId())
                .agency(remittance.agencyId()).target("remittance:" + remittanceId)
                .with("number", remittance.number()).build());
        return remittance(remittanceId).orElseThrow();
    }

    @Override
    @Transactional
    public SigningRequest askApproval(long remittanceId, Actor approver) {
        Remittance remittance = remittance(remittanceId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "remittance.notFound"));
        checkApprover(remittance, approver);
        String sha256 = canonical(remittance);
        Map<String, String> display = new LinkedHashMap<>();
        display.put("document", remittance.displayNumber());
        display.put("amount", Baht.format(remittance.total()) + " บาท");
        display.put("amountWords", BahtText.of(remittance.total()));
        display.put("agency", agencies.byId(remittance.agencyId()).map(Agency::nameTh).orElse(""));
        display.put("detail_th", "นำส่งเงิน " + remittance.displayNumber() + "\nจำนวนเงิน "
                + Baht.format(remittance.total()) + " บาท (" + BahtText.of(remittance.total()) + ")\nใบเสร็จ "
                + remittance.receiptIds().size() + " ฉบับ: เงินสด " + Baht.format(remittance.cashTotal())
                + " บาท เงินฝากธนาคาร " + Baht.format(remittance.bankTotal()) + " บาท\nนำส่งคลัง");
        String id = softTokens.requestApproval(approver.accountId(), "อนุมัตินำส่งเงิน " + remittance.displayNumber(),
                "Approve remittance " + remittance.number(), display, sha256).id();
        return new SigningRequest(id, sha256, remittance.receiptIds().size(), remittance.total());
    }

    @Override
    @Transactional
    public Remittance approve(long remittanceId, String confirmationId, Actor approver) {
        jdbc.sql("select id from remittance where id = ? for update").param(remittanceId).query(Long.class)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "remittance.notFound"));
        Remittance remittance = remittance(remittanceId).orElseThrow();
        checkApprover(remittance, approver);
        String sha256 = canonical(remittance);
        String signed = softTokens.consumeApproval(confirmationId, approver.accountId(), sha256)
                .orElseThrow(() -> rights.refuse(approver, remittance.agencyId(), "remittance:" + remittanceId,
                        "withdrawal.confirmation.missing"));
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.debit(AWAITING_REMITTANCE, remittance.total()));
        if (remittance.cashTotal().signum() > 0) {
            lines.add(JournalLine.credit(CASH, remittance.cashTotal()));
        }
        if (remittance.bankTotal().signum() > 0) {
            lines.add(JournalLine.credit(BANK, remittance.bankTotal()));
        }
        long entryId = ledger.post(new JournalEntry(remittance.agencyId(), rights.today(), "remittance.approved",
                remittance.number(), "นำส่งเงิน " + remittance.displayNumber(), lines), approver).id();
        jdbc.sql("update remittance set state = 'REMITTED', approved_by = ?, approved_at = ?, content_sha256 = ?,"
                        + " signed_decision = ?, entry_id = ? where id = ? and state = 'PREPARED'")
                .params(approver.accountId(), OffsetDateTime.now(clock), sha256, signed, entryId, remittanceId)
                .update();
        audit.append(AuditEntry.of("disbursement.remittance.approved").by(approver.username(), approver.accountId())
                .agency(remittance.agencyId()).target("remittance:" + remittanceId)
                .with("number", remittance.number()).with("total", remittance.total()).with("sha256", sha256)
                .with("journal", entryId).build());
        return remittance(remittanceId).orElseThrow();
    }

    /** R6, R10: a PAYMENT_APPROVER of the agency, not the person who prepared it; only a prepared remittance. */
    private void checkApprover(Remittance remittance, Actor approver) {
        String target = "remittance:" + remittance.id();
        rights.require(approver, remittance.agencyId(), target, Right.PAYMENT_APPROVER);
        if (remittance.state() != Remittance.State.PREPARED) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withdrawal.state.of", remittance.displayNumber(),
                    remittance.state());
        }
        if (approver.accountId() == remittance.preparedBy()) {
            throw rights.refuse(approver, remittance.agencyId(), target, "withdrawal.sod.recorder");
        }
    }

    /** What the approver signs: the remittance and every receipt in it (number, method, amount). */
    private String canonical(Remittance remittance) {
        StringBuilder text = new StringBuilder("khlang-remittance-v1|").append(remittance.id()).append('|')
                .append(remittance.agencyId()).append('|').append(remittance.number()).append('|')
                .append(Baht.canonical(remittance.total())).append('|').append(Baht.canonical(remittance.cashTotal()))
                .append('|').append(Baht.canonical(remittance.bankTotal()));
        jdbc.sql("select doc_number, method, amount from receipt where remittance_id = ? order by id")
                .param(remittance.id())
                .query((ResultSet rs) -> {
                    text.append("|rc:").append(rs.getString("doc_number")).append(',').append(rs.getString("method"))
                            .append(',').append(Baht.canonical(rs.getBigDecimal("amount")));
                });
        return Canonical.sha256(text.toString());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Remittance> remittance(long remittanceId) {
        return jdbc.sql("select id, agency_id, doc_number, total, cash_total, bank_total, state, prepared_by,"
                        + " prepared_at, approved_by, approved_at, content_sha256 from remittance where id = ?")
                .param(remittanceId).query((rs, row) -> remittance(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Remittance> remittances(long agencyId) {
        return jdbc.sql("select id, agency_id, doc_number, total, cash_total, bank_total, state, prepared_by,"
                        + " prepared_at, approved_by, approved_at, content_sha256 from remittance where agency_id = ?"
                        + " order by id desc fetch first 100 rows only")
                .param(agencyId).query((rs, row) -> remittance(rs)).list();
    }

    private Remittance remittance(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Object approvedBy = rs.getObject("approved_by");
        OffsetDateTime approvedAt = rs.getObject("approved_at", OffsetDateTime.class);
        List<Long> receiptIds = jdbc.sql("select id from receipt where remittance_id = ? order by id").param(id)
                .query(Long.class).list();
        return new Remittance(id, rs.getLong("agency_id"), rs.getString("doc_number"), rs.getBigDecimal("total"),
                rs.getBigDecimal("cash_total"), rs.getBigDecimal("bank_total"),
                Remittance.State.valueOf(rs.getString("state")), rs.getLong("prepared_by"),
                rs.getObject("prepared_at", OffsetDateTime.class).toInstant(),
                approvedBy == null ? null : ((Number) approvedBy).longValue(),
                approvedAt == null ? null : approvedAt.toInstant(), rs.getString("content_sha256"), receiptIds);
    }

}
