package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.khlang.disbursement.ApprovalCheck;
import org.khlang.disbursement.Attachment;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BankResults;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeLine;
import org.khlang.disbursement.PayeeList;
import org.khlang.disbursement.PayeeListCsv;
import org.khlang.disbursement.Payment;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.WithdrawalState;
import org.khlang.disbursement.WithholdingRates;
import org.khlang.disbursement.Withdrawals;
import org.khlang.ledger.GlAccount;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.ledger.Ledger;
import org.khlang.risk.ApprovalStage;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.Page;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.SignedDecision;
import org.khlang.softtoken.SignedDecisions;
import org.khlang.softtoken.SoftTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcWithdrawals implements Withdrawals {

    /** Trade payables: what approval 1 owes the payee. */
    static final String PAYABLE = "2101010101";
    /** Direct pay in transit: approved for payment, not yet confirmed by the bank. */
    static final String IN_TRANSIT = "2102040199";
    /** Revenue from the budget: the treasury paid a budget expense. */
    static final String BUDGET_REVENUE = "4307010103";
    /** Withholding tax payable: withheld from payees, owed to the Revenue Department until remitted. */
    static final String WITHHOLDING_PAYABLE = "2102040102";
    /** Revenue from fines deducted from payments. */
    static final String FINE_REVENUE = "4206010102";
    /** Deposits at the treasury: the treasury paid out of money the agency holds there (ขบ03). */
    static final String TREASURY_DEPOSITS = "1101020501";

    static final int MAX_LINES = 100;
    static final int MAX_BATCH = 10_000;

    private static final String COLUMNS = "id, agency_id, fiscal_year, doc_type, doc_number, payee_id, purchase_order,"
            + " description, total, state, recorded_by, recorded_at, approval1_by, approval1_at, approval1_sha256,"
            + " vat_amount, withholding_rate, withholding_tax, fine, fine_reason, list_count, list_sha256";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JdbcBudgets budgets;
    private final Payees payees;
    private final Agencies agencies;
    private final Ledger ledger;
    private final AgencyRights rights;
    private final SoftTokens softTokens;
    private final SignedDecisions decisions;
    private final AuditLog audit;
    private final Clock clock;
    private final DocumentNumbers numbers;
    private final WithholdingRates withholdingRates;
    private final PayeeLists payeeLists;
    private final ApprovalRisk risk;

    JdbcWithdrawals(JdbcClient jdbc, JdbcTemplate template, JdbcBudgets budgets, Payees payees, Agencies agencies,
                    Ledger ledger, AgencyRights rights, SoftTokens softTokens, SignedDecisions decisions,
                    AuditLog audit, Clock clock, DocumentNumbers numbers, WithholdingRates withholdingRates,
                    PayeeLists payeeLists, ApprovalRisk risk) {
        this.risk = risk;
        this.numbers = numbers;
        this.payeeLists = payeeLists;
        this.withholdingRates = withholdingRates;
        this.jdbc = jdbc;
        this.template = template;
        this.budgets = budgets;
        this.payees = payees;
        this.agencies = agencies;
        this.ledger = ledger;
        this.rights = rights;
        this.softTokens = softTokens;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- recording

    @Override
    @Transactional
    public Withdrawal record(long agencyId, NewWithdrawal input, Actor recorder) {
        rights.require(recorder, agencyId, "withdrawal", Right.RECORDER);
        int fiscalYear = FiscalYears.of(rights.today());
        Checked checked = check(agencyId, fiscalYear, input);
        budgets.move(checked.budget(), null, "reserved");
        String number = nextNumber(agencyId, fiscalYear, input.type());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into withdrawal (agency_id, fiscal_year, doc_type, doc_number, payee_id, purchase_order,
                                                description, total, state, recorded_by, recorded_at, vat_amount,
                                                withholding_rate, withholding_tax, fine, fine_reason,
                                                withholding_status, list_count, list_sha256)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'RECORDED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agencyId, fiscalYear, input.type().name(), number, checked.payeeId(), checked.purchaseOrder(),
                        checked.description(), checked.total(), recorder.accountId(), OffsetDateTime.now(clock),
                        checked.deductions().vat(), checked.deductions().rate(), checked.deductions().tax(),
                        checked.deductions().fine(), checked.deductions().fineReason(), checked.taxStatus(),
                        checked.listCount(), checked.listSha256())
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        insertLines(id, checked.lines());
        payeeLists.insert(id, input.payees());
        audit.append(AuditEntry.of("disbursement.withdrawal.recorded").by(recorder.username(), recorder.accountId())
                .agency(agencyId).target("withdrawal:" + id).with("number", number).with("type", input.type())
                .with("payee", input.payeeId()).with("total", checked.total()).with("lines", checked.lines().size())
                .with("vat", checked.deductions().vat()).with("withholdingRate", checked.deductions().rate())
                .with("withholdingTax", checked.deductions().tax()).with("fine", checked.deductions().fine())
                .with("net", checked.deductions().netOf(checked.total())).with("payees", checked.listCount())
                .with("payeesSha256", checked.listSha256()).build());
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Withdrawal correct(long withdrawalId, NewWithdrawal input, Actor recorder) {
        Withdrawal current = lock(withdrawalId);
        rights.require(recorder, current.agencyId(), "withdrawal:" + withdrawalId, Right.RECORDER);
        requireState(current, WithdrawalState.RECORDED);
        if (input.type() != current.type()) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.type.fixed", current.type().thai());
        }
        Checked checked = check(current.agencyId(), current.fiscalYear(), input);
        budgets.release(budgetAmounts(current));
        budgets.move(checked.budget(), null, "reserved");
        jdbc.sql("delete from withdrawal_line where withdrawal_id = ?").param(withdrawalId).update();
        insertLines(withdrawalId, checked.lines());
        if (current.hasPayeeList() != input.hasPayeeList()) {
            throw new KhlangProblem(ProblemKind.INVALID, "payeeList.fixed");
        }
        payeeLists.delete(withdrawalId);
        payeeLists.insert(withdrawalId, input.payees());
        jdbc.sql("update withdrawal set payee_id = ?, purchase_order = ?, description = ?, total = ?, vat_amount = ?,"
                        + " withholding_rate = ?, withholding_tax = ?, fine = ?, fine_reason = ?, withholding_status = ?,"
                        + " list_count = ?, list_sha256 = ?, version = version + 1 where id = ?")
                .params(checked.payeeId(), checked.purchaseOrder(), checked.description(), checked.total(),
                        checked.deductions().vat(), checked.deductions().rate(), checked.deductions().tax(),
                        checked.deductions().fine(), checked.deductions().fineReason(), checked.taxStatus(),
                        checked.listCount(), checked.listSha256(), withdrawalId)
                .update();
        audit.append(AuditEntry.of("disbursement.withdrawal.corrected").by(recorder.username(), recorder.accountId())
                .agency(current.agencyId()).target("withdrawal:" + withdrawalId).with("number", current.number())
                .with("totalBefore", current.total()).with("total", checked.total())
                .with("payeeBefore", current.payeeId()).with("payee", input.payeeId())
                .with("withholdingTax", checked.deductions().tax()).with("fine", checked.deductions().fine()).build());
        return find(withdrawalId).orElseThrow();
    }

    @Override
    @Transactional
    public Attachment attach(long withdrawalId, String fileName, byte[] content, Actor recorder) {
        Withdrawal withdrawal = lock(withdrawalId);
        rights.require(recorder, withdrawal.agencyId(), "withdrawal:" + withdrawalId, Right.RECORDER);
        requireState(withdrawal, WithdrawalState.RECORDED);
        String type = Evidence.contentType(content);
        if (jdbc.sql("select count(*) from withdrawal_attachment where withdrawal_id = ?").param(withdrawalId)
                .query(Long.class).single() >= Evidence.MAX_FILES) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "attachment.tooMany", Evidence.MAX_FILES);
        }
        String name = Evidence.fileName(fileName);
        String sha256 = Evidence.sha256(content);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into withdrawal_attachment (withdrawal_id, file_name, content_type, sha256, size_bytes,
                                                           content, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(withdrawalId, name, type, sha256, content.length, content, recorder.accountId(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        jdbc.sql("update withdrawal set version = version + 1 where id = ?").param(withdrawalId).update();
        audit.append(AuditEntry.of("disbursement.withdrawal.attached").by(recorder.username(), recorder.accountId())
                .agency(withdrawal.agencyId()).target("withdrawal:" + withdrawalId).with("attachment", id)
                .with("sha256", sha256).with("size", content.length).with("type", type).build());
        return attachments(withdrawalId).stream().filter(found -> found.id() == id).findFirst().orElseThrow();
    }

    @Override
    @Transactional
    public void detach(long withdrawalId, long attachmentId, Actor recorder) {
        Withdrawal withdrawal = lock(withdrawalId);
        rights.require(recorder, withdrawal.agencyId(), "withdrawal:" + withdrawalId, Right.RECORDER);
        requireState(withdrawal, WithdrawalState.RECORDED);
        if (jdbc.sql("delete from withdrawal_attachment where id = ? and withdrawal_id = ?")
                .params(attachmentId, withdrawalId).update() != 1) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "attachment.notFound");
        }
        audit.append(AuditEntry.of("disbursement.withdrawal.detached").by(recorder.username(), recorder.accountId())
                .agency(withdrawal.agencyId()).target("withdrawal:" + withdrawalId).with("attachment", attachmentId)
                .build());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Attachment> attachments(long withdrawalId) {
        return jdbc.sql("select id, withdrawal_id, file_name, content_type, sha256, size_bytes, uploaded_at"
                        + " from withdrawal_attachment where withdrawal_id = ? order by id").param(withdrawalId)
                .query((rs, row) -> new Attachment(rs.getLong("id"), rs.getLong("withdrawal_id"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getString("sha256"),
                        rs.getInt("size_bytes"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] attachmentContent(long withdrawalId, long attachmentId) {
        return jdbc.sql("select content from withdrawal_attachment where id = ? and withdrawal_id = ?")
                .params(attachmentId, withdrawalId).query(byte[].class).optional()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "attachment.notFound"));
    }

    private Map<Long, List<String>> attachmentHashes(List<Long> withdrawalIds) {
        Map<Long, List<String>> hashes = new HashMap<>();
        jdbc.sql("select withdrawal_id, sha256 from withdrawal_attachment where withdrawal_id in (:ids)")
                .param("ids", withdrawalIds)
                .query((ResultSet rs) -> {
                    hashes.computeIfAbsent(rs.getLong("withdrawal_id"), id -> new ArrayList<>())
                            .add(rs.getString("sha256"));
                });
        return hashes;
    }

    private List<String> attachmentHashes(long withdrawalId) {
        return jdbc.sql("select sha256 from withdrawal_attachment where withdrawal_id = ?").param(withdrawalId)
                .query(String.class).list();
    }

    @Override
    @Transactional
    public Withdrawal cancel(long withdrawalId, Actor recorder) {
        Withdrawal current = lock(withdrawalId);
        rights.require(recorder, current.agencyId(), "withdrawal:" + withdrawalId, Right.RECORDER);
        requireState(current, WithdrawalState.RECORDED);
        budgets.release(budgetAmounts(current));
        jdbc.sql("update withdrawal set state = 'CANCELLED', cancelled_by = ?, cancelled_at = ?, version = version + 1"
                        + " where id = ?")
                .params(recorder.accountId(), OffsetDateTime.now(clock), withdrawalId).update();
        audit.append(AuditEntry.of("disbursement.withdrawal.cancelled").by(recorder.username(), recorder.accountId())
                .agency(current.agencyId()).target("withdrawal:" + withdrawalId).with("number", current.number())
                .with("total", current.total()).build());
        return find(withdrawalId).orElseThrow();
    }

    private record Checked(String purchaseOrder, String description, BigDecimal total, List<Withdrawal.Line> lines,
                           Map<Long, BigDecimal> budget, Deductions deductions, String taxStatus, Long payeeId,
                           Integer listCount, String listSha256) {
    }

    /** Everything a recorded document must be, checked before anything is written. */
    private Checked check(long agencyId, int fiscalYear, NewWithdrawal input) {
        if (input.type() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.type");
        }
        if (input.hasPayeeList() && input.type() == DocumentType.KB01) {
            throw new KhlangProblem(ProblemKind.INVALID, "payeeList.type");
        }
        Payee payee = input.hasPayeeList() ? null : payees.find(input.payeeId())
                .filter(found -> found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.INVALID, "withdrawal.payee"));
        String order = input.purchaseOrder() == null || input.purchaseOrder().isBlank() ? null
                : input.purchaseOrder().strip();
        if (input.type().needsPurchaseOrder() && (order == null || order.length() > 50)) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.purchaseOrder.required");
        }
        if (!input.type().needsPurchaseOrder() && order != null) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.purchaseOrder.notAllowed", input.type().thai());
        }
        String description = input.description() == null ? "" : input.description().strip();
        if (description.isEmpty() || description.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.description");
        }
        if (input.lines().isEmpty() || input.lines().size() > MAX_LINES) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.lines", MAX_LINES);
        }
        List<Withdrawal.Line> lines = new ArrayList<>();
        Map<Long, BigDecimal> budget = new HashMap<>();
        for (NewWithdrawal.Line line : input.lines()) {
            lines.add(checkLine(agencyId, fiscalYear, input.type(), line, lines.size() + 1, budget));
        }
        BigDecimal total = lines.stream().map(Withdrawal.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        try {
            Baht.positive(total);
        } catch (InvalidValueException tooLarge) {
            throw new KhlangProblem(ProblemKind.INVALID, tooLarge.code());
        }
        if (input.hasPayeeList()) {
            return checkedList(input, order, description, total, lines, budget);
        }
        if (payee.account() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.payee");
        }
        Deductions deductions = WithholdingTax.of(payee.taxStatus(), total, input.vat(), input.fine(),
                input.fineReason(), withholdingRates.inForce(payee.taxStatus(), rights.today()));
        return new Checked(order, description, total, lines, budget, deductions,
                deductions.tax().signum() > 0 ? payee.taxStatus().name() : null, payee.id(), null, null);
    }

    /** One line of a document: its amount, text and invoice, and its budget line (ขบ01, ขบ02) or deposit account. */
    private Withdrawal.Line checkLine(long agencyId, int fiscalYear, DocumentType type, NewWithdrawal.Line line,
                                      int number, Map<Long, BigDecimal> budget) {
        BigDecimal amount;
        try {
            amount = Baht.positive(line.amount());
        } catch (InvalidValueException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line." + invalid.code(), number);
        }
        String text = line.description() == null ? "" : line.description().strip();
        if (text.isEmpty() || text.length() > 300) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line.description", number);
        }
        String invoice = line.invoiceRef() == null || line.invoiceRef().isBlank() ? null : line.invoiceRef().strip();
        if (invoice != null && invoice.length() > 50) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line.invoice", number);
        }
        if (type.budget()) {
            BudgetLine budgetLine = line.budgetLineId() == null ? null : budgets.line(line.budgetLineId())
                    .filter(found -> found.agencyId() == agencyId && found.fiscalYear() == fiscalYear)
                    .orElse(null);
            if (budgetLine == null) {
                throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line.budget", number, fiscalYear);
            }
            budget.merge(budgetLine.id(), amount, BigDecimal::add);
            return new Withdrawal.Line(number, budgetLine.id(), budgetLine.glCode(), text, invoice, amount);
        }
        String glCode = line.glCode() == null ? "" : line.glCode().strip();
        if (line.budgetLineId() != null || ledger.account(glCode).map(GlAccount::kind)
                .filter(kind -> kind == GlAccount.Kind.LIABILITY).isEmpty() || PAYABLE.equals(glCode)
                || IN_TRANSIT.equals(glCode)) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line.deposit", number);
        }
        return new Withdrawal.Line(number, null, glCode, text, invoice, amount);
    }

    /**
     * A document that pays a list (ขบ02 or ขบ03): one line of budget or deposit account whose amount is the list's
     * total, at most {@link PayeeListCsv#MAX_PAYEES} payees, no deductions (allowances and refunds to people).
     */
    private static Checked checkedList(NewWithdrawal input, String order, String description, BigDecimal total,
                                       List<Withdrawal.Line> lines, Map<Long, BigDecimal> budget) {
        if (input.payees().size() > PayeeListCsv.MAX_PAYEES) {
            throw new KhlangProblem(ProblemKind.INVALID, "import.tooManyRows", PayeeListCsv.MAX_PAYEES);
        }
        BigDecimal listTotal = input.payees().stream().map(PayeeLine::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        if (lines.size() != 1 || lines.getFirst().amount().compareTo(listTotal) != 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "payeeList.line", Baht.format(listTotal));
        }
        if (input.vat() != null && input.vat().signum() != 0 || input.fine() != null && input.fine().signum() != 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "payeeList.deductions");
        }
        return new Checked(order, description, total, lines, budget, Deductions.NONE, null, null,
                input.payees().size(), Canonical.payeeList(input.payees()));
    }

    private void insertLines(long withdrawalId, List<Withdrawal.Line> lines) {
        for (Withdrawal.Line line : lines) {
            jdbc.sql("""
                            insert into withdrawal_line (withdrawal_id, line_no, budget_line_id, gl_code, description,
                                                         invoice_ref, amount)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(withdrawalId, line.number(), line.budgetLineId(), line.glCode(), line.description(),
                            line.invoiceRef(), line.amount())
                    .update();
        }
    }

    /** KB02-2569-000001: type, fiscal year, running number per agency, year and type. */
    private String nextNumber(long agencyId, int fiscalYear, DocumentType type) {
        return numbers.format(type.name(), fiscalYear, numbers.next(agencyId, fiscalYear, type.name()));
    }

    private static Map<Long, BigDecimal> budgetAmounts(Withdrawal withdrawal) {
        Map<Long, BigDecimal> amounts = new HashMap<>();
        for (Withdrawal.Line line : withdrawal.lines()) {
            if (line.budgetLineId() != null) {
                amounts.merge(line.budgetLineId(), line.amount(), BigDecimal::add);
            }
        }
        return amounts;
    }

    // ---------------------------------------------------------------- approval 1

    @Override
    @Transactional
    public SigningRequest askApproval1(long withdrawalId, Actor approver) {
        Withdrawal withdrawal = find(withdrawalId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
        checkApprover1(withdrawal, approver);
        Payee payee = payeeOf(withdrawal);
        String sha256 = Canonical.approval1(withdrawal, payee, attachmentHashes(withdrawal.id()));
        Map<String, String> display = ApprovalDisplay.approval1(withdrawal, payee,
                agencies.byId(withdrawal.agencyId()).map(Agency::nameTh).orElse(""));
        risk.ask(ApprovalStage.APPROVAL_1, List.of(withdrawal), approver, display);
        String id = softTokens.requestApproval(approver.accountId(),
                "อนุมัติเบิกเงิน (อนุมัติ ๑) " + withdrawal.displayNumber(),
                "Approve withdrawal (approval 1) " + withdrawal.number(), display, sha256).id();
        return new SigningRequest(id, sha256, 1, withdrawal.total());
    }

    @Override
    @Transactional
    public Withdrawal approve1(long withdrawalId, String confirmationId, Actor approver) {
        Withdrawal withdrawal = lock(withdrawalId);
        checkApprover1(withdrawal, approver);
        Payee payee = payeeOf(withdrawal);
        String sha256 = Canonical.approval1(withdrawal, payee, attachmentHashes(withdrawal.id()));
        String signed = softTokens.consumeApproval(confirmationId, approver.accountId(), sha256)
                .orElseThrow(() -> rights.refuse(approver, withdrawal.agencyId(), "withdrawal:" + withdrawalId,
                        "withdrawal.confirmation.missing"));
        if (withdrawal.type().budget()) {
            budgets.move(budgetAmounts(withdrawal), "reserved", "committed");
        }
        List<JournalLine> lines = new ArrayList<>();
        for (Withdrawal.Line line : withdrawal.lines()) {
            lines.add(JournalLine.debit(line.glCode(), line.amount(), line.budgetLineId()));
        }
        lines.add(JournalLine.credit(PAYABLE, withdrawal.total()));
        long entryId = ledger.post(new JournalEntry(withdrawal.agencyId(), rights.today(), "withdrawal.approved",
                withdrawal.number(), "อนุมัติเบิก " + withdrawal.displayNumber() + " " + withdrawal.description(),
                lines), approver).id();
        jdbc.sql("update withdrawal set state = 'WITHDRAWAL_APPROVED', approval1_by = ?, approval1_at = ?,"
                        + " approval1_sha256 = ?, approval1_signed = ?, version = version + 1 where id = ?"
                        + " and state = 'RECORDED'")
                .params(approver.accountId(), OffsetDateTime.now(clock), sha256, signed, withdrawalId).update();
        audit.append(AuditEntry.of("disbursement.withdrawal.approved1").by(approver.username(), approver.accountId())
                .agency(withdrawal.agencyId()).target("withdrawal:" + withdrawalId)
                .with("number", withdrawal.number()).with("total", withdrawal.total()).with("sha256", sha256)
                .with("journal", entryId).build());
        risk.approved(ApprovalStage.APPROVAL_1, List.of(withdrawal), approver);
        return find(withdrawalId).orElseThrow();
    }

    /** The document's single payee, or null for a document that pays a list. */
    private Payee payeeOf(Withdrawal withdrawal) {
        return withdrawal.hasPayeeList() ? null : payees.find(withdrawal.payeeId()).orElseThrow();
    }

    /** R6, R10: a WITHDRAWAL_APPROVER of the agency today, not the recorder, not also a payment approver. */
    private void checkApprover1(Withdrawal withdrawal, Actor approver) {
        String target = "withdrawal:" + withdrawal.id();
        rights.require(approver, withdrawal.agencyId(), target, Right.WITHDRAWAL_APPROVER);
        requireState(withdrawal, WithdrawalState.RECORDED);
        ApprovalSegregation.approval1(approver.accountId(), withdrawal.recordedBy(),
                        rights.holds(approver.accountId(), withdrawal.agencyId(), Right.PAYMENT_APPROVER))
                .ifPresent(code -> {
                    throw rights.refuse(approver, withdrawal.agencyId(), target, code);
                });
    }

    // ---------------------------------------------------------------- approval 2

    @Override
    @Transactional(noRollbackFor = ApprovalRisk.Held.class)
    public SigningRequest askApproval2(List<Long> withdrawalIds, Actor approver) {
        List<Withdrawal> documents = documents(withdrawalIds, false);
        List<Canonical.Item> items = checkApprover2(documents, approver);
        long agencyId = documents.getFirst().agencyId();
        String sha256 = Canonical.manifest(agencyId, items);
        BigDecimal total = items.stream().map(Canonical.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Withdrawal only = documents.getFirst();
        Map<String, String> display = ApprovalDisplay.approval2(documents, items, total,
                documents.size() == 1 && !only.hasPayeeList() ? payees.find(only.payeeId()).orElseThrow() : null,
                agencies.byId(agencyId).map(Agency::nameTh).orElse(""));
        risk.ask(ApprovalStage.APPROVAL_2, documents, approver, display);
        String id = softTokens.requestApproval(approver.accountId(), display.remove("title_th"),
                display.remove("title_en"), display, sha256).id();
        return new SigningRequest(id, sha256, items.size(), total);
    }

    @Override
    @Transactional
    public PaymentBatch approve2(List<Long> withdrawalIds, String confirmationId, Actor approver) {
        List<Withdrawal> documents = documents(withdrawalIds, true);
        List<Canonical.Item> items = checkApprover2(documents, approver);
        risk.requireNoHold(documents);
        long agencyId = documents.getFirst().agencyId();
        String sha256 = Canonical.manifest(agencyId, items);
        String signed = softTokens.consumeApproval(confirmationId, approver.accountId(), sha256)
                .orElseThrow(() -> rights.refuse(approver, agencyId, "payment-batch",
                        "withdrawal.confirmation.missing"));
        LocalDate today = rights.today();
        OffsetDateTime now = OffsetDateTime.now(clock);
        BigDecimal total = items.stream().map(Canonical.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Agency agency = agencies.byId(agencyId).orElseThrow();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        String provisional = "KHL-" + java.util.UUID.randomUUID().toString().substring(0, 18);
        jdbc.sql("""
                        insert into payment_batch (agency_id, message_id, item_count, total, execution_date,
                                                   manifest_sha256, decision, approved_by, approved_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agencyId, provisional, items.size(), total, today.plusDays(1), sha256, signed,
                        approver.accountId(), now)
                .update(keys, "id");
        long batchId = keys.getKeyAs(Long.class);
        String messageId = "KHL" + agency.code().value() + "B" + batchId;
        List<JournalEntry> entries = new ArrayList<>(items.size());
        for (Canonical.Item item : items) {
            entries.add(new JournalEntry(agencyId, today, "payment.approved", item.number(),
                    "อนุมัติจ่าย Direct Pay " + item.number(), approval2Lines(item)));
        }
        List<Long> entryIds = ledger.postAll(entries, approver);
        List<Pain001.Transfer> transfers = insertPayments(batchId, withdrawalIds, items, entryIds, approver);
        template.batchUpdate("update withdrawal set state = 'PAYMENT_APPROVED', version = version + 1 where id = ?",
                items.stream().map(Canonical.Item::withdrawalId).distinct().map(id -> new Object[] {id}).toList());
        byte[] file = Pain001.write(new Pain001.Batch(messageId, now, today.plusDays(1), agency.nameTh(),
                agency.code().value(), "006", transfers));
        jdbc.sql("update payment_batch set message_id = ?, file_content = ? where id = ?")
                .params(messageId, file, batchId).update();
        List<AuditEntry> events = new ArrayList<>(items.size() + 1);
        events.add(AuditEntry.of("disbursement.payment.batchApproved").by(approver.username(), approver.accountId())
                .agency(agencyId).target("payment-batch:" + batchId).with("count", items.size())
                .with("total", total).with("sha256", sha256).with("messageId", messageId).build());
        for (Canonical.Item item : items) {
            AuditEntry.Builder event = AuditEntry.of("disbursement.withdrawal.approved2").by(approver.username(),
                            approver.accountId()).agency(agencyId).target("withdrawal:" + item.withdrawalId())
                    .with("number", item.number()).with("amount", item.amount()).with("batch", batchId);
            events.add((item.line() > 0 ? event.with("line", item.line()) : event).build());
        }
        audit.appendAll(events);
        risk.approved(ApprovalStage.APPROVAL_2, documents, approver);
        return batch(batchId).orElseThrow();
    }

    /** One payment per item, SENT, holding its live key; the transfers of the pain.001 file, in the same order. */
    private List<Pain001.Transfer> insertPayments(long batchId, List<Long> withdrawalIds, List<Canonical.Item> items,
                                                  List<Long> entryIds, Actor approver) {
        Map<String, Integer> attempts = attempts(withdrawalIds);
        List<Object[]> rows = new ArrayList<>(items.size());
        List<Pain001.Transfer> transfers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Canonical.Item item = items.get(i);
            int attempt = attempts.getOrDefault(item.withdrawalId() + ":" + item.line(), 0) + 1;
            String endToEnd = "W" + item.withdrawalId() + (item.line() > 0 ? "L" + item.line() : "") + "A" + attempt;
            rows.add(new Object[] {batchId, item.withdrawalId(), endToEnd, item.amount(), item.account().bankCode(),
                item.account().number(), item.account().name(), approver.accountId(), entryIds.get(i), item.line()});
            transfers.add(new Pain001.Transfer(endToEnd, item.amount(), item.account(), item.number()));
        }
        // No null is bound (each one would cost the driver a round trip to learn its type): the line numbers say
        // which of the two "live" keys a transfer holds.
        List<Object[]> single = rows.stream().filter(row -> (int) row[9] == 0).map(row -> java.util.Arrays.copyOf(row,
                9)).toList();
        List<Object[]> listed = rows.stream().filter(row -> (int) row[9] > 0).toList();
        template.batchUpdate("""
                insert into payment (batch_id, withdrawal_id, end_to_end_id, amount, bank_code, account_number,
                                     account_name, state, approved_by, entry_id, live)
                values (?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, 1)""", single);
        template.batchUpdate("""
                insert into payment (batch_id, withdrawal_id, end_to_end_id, amount, bank_code, account_number,
                                     account_name, state, approved_by, entry_id, payee_line, line_live)
                values (?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?, 1)""", listed);
        return transfers;
    }

    /**
     * R13: the payable is cleared at its gross; the net goes in transit to the bank, the tax withheld to the
     * withholding-tax payable, the fine to revenue. A failed transfer reverses all of it.
     */
    private static List<JournalLine> approval2Lines(Canonical.Item item) {
        List<JournalLine> lines = new ArrayList<>(4);
        lines.add(JournalLine.debit(PAYABLE, item.gross()));
        lines.add(JournalLine.credit(IN_TRANSIT, item.amount()));
        if (item.deductions().tax().signum() > 0) {
            lines.add(JournalLine.credit(WITHHOLDING_PAYABLE, item.deductions().tax()));
        }
        if (item.deductions().fine().signum() > 0) {
            lines.add(JournalLine.credit(FINE_REVENUE, item.deductions().fine()));
        }
        return lines;
    }

    /**
     * R6, R10 for each document: a PAYMENT_APPROVER of the agency today who is neither its recorder nor its
     * approver 1 and holds no withdrawal-approver right; approval 1 must still fit the document.
     */
    private List<Canonical.Item> checkApprover2(List<Withdrawal> documents, Actor approver) {
        long agencyId = documents.getFirst().agencyId();
        rights.require(approver, agencyId, "payment-batch", Right.PAYMENT_APPROVER);
        ApprovalSegregation.approver2(rights.holds(approver.accountId(), agencyId, Right.WITHDRAWAL_APPROVER))
                .ifPresent(code -> {
                    throw rights.refuse(approver, agencyId, "payment-batch", code);
                });
        Map<Long, Payee> payeesById = new HashMap<>();
        Map<Long, List<String>> attachments = attachmentHashes(documents.stream().map(Withdrawal::id).toList());
        List<Canonical.Item> items = new ArrayList<>(documents.size());
        for (Withdrawal withdrawal : documents) {
            String target = "withdrawal:" + withdrawal.id();
            if (withdrawal.agencyId() != agencyId) {
                throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.oneAgency");
            }
            if (withdrawal.state() != WithdrawalState.WITHDRAWAL_APPROVED
                    && withdrawal.state() != WithdrawalState.PAYMENT_FAILED) {
                throw new KhlangProblem(ProblemKind.CONFLICT, "withdrawal.state.of", withdrawal.displayNumber(),
                        withdrawal.state());
            }
            ApprovalSegregation.approval2(approver.accountId(), withdrawal.recordedBy(), withdrawal.approval1By())
                    .ifPresent(code -> {
                        throw rights.refuse(approver, agencyId, target, code);
                    });
            Payee payee = withdrawal.hasPayeeList() ? null
                    : payeesById.computeIfAbsent(withdrawal.payeeId(), id -> payees.find(id).orElseThrow());
            if (!Canonical.approval1(withdrawal, payee, attachments.getOrDefault(withdrawal.id(), List.of()))
                    .equals(withdrawal.approval1Sha256())) {
                throw rights.refuse(approver, agencyId, target, "withdrawal.approval1.void",
                        withdrawal.displayNumber());
            }
            if (withdrawal.hasPayeeList()) {
                items.addAll(listItems(withdrawal, approver, target));
            } else {
                items.add(new Canonical.Item(withdrawal.id(), withdrawal.number(), withdrawal.total(),
                        withdrawal.deductions(), payee.account(), withdrawal.approval1Sha256()));
            }
        }
        if (items.size() > MAX_BATCH) {
            throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.size", MAX_BATCH);
        }
        return items.stream().sorted(java.util.Comparator.comparingLong(Canonical.Item::withdrawalId)
                .thenComparingInt(Canonical.Item::line)).toList();
    }

    /**
     * A list's transfers: one per line not yet paid or in flight (all of them the first time; after a partly
     * rejected result, only the rejected ones). The lines must still be the list approval 1 signed.
     */
    private List<Canonical.Item> listItems(Withdrawal withdrawal, Actor approver, String target) {
        if (!Canonical.payeeList(payeeLists.all(withdrawal.id())).equals(withdrawal.payeeList().sha256())) {
            throw rights.refuse(approver, withdrawal.agencyId(), target, "withdrawal.approval1.void",
                    withdrawal.displayNumber());
        }
        return payeeLists.unpaid(withdrawal.id()).stream().map(line -> new Canonical.Item(withdrawal.id(),
                withdrawal.number(), line.amount(), Deductions.NONE, line.account(), withdrawal.approval1Sha256(),
                line.number())).toList();
    }

    private List<Withdrawal> documents(List<Long> withdrawalIds, boolean lock) {
        if (withdrawalIds == null || withdrawalIds.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.empty");
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(withdrawalIds));
        if (ids.size() != withdrawalIds.size() || ids.size() > MAX_BATCH) {
            throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.size", MAX_BATCH);
        }
        List<Withdrawal> found = load("where id in (:ids) order by id" + (lock ? " for update" : ""),
                Map.of("ids", ids));
        if (found.size() != ids.size()) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound");
        }
        return found;
    }

    /** How many transfers each withdrawal (and each line of a list) has had: "id:line" → count. */
    private Map<String, Integer> attempts(List<Long> withdrawalIds) {
        Map<String, Integer> attempts = new HashMap<>();
        jdbc.sql("select withdrawal_id, payee_line, count(*) as n from payment where withdrawal_id in (:ids)"
                        + " group by withdrawal_id, payee_line")
                .param("ids", withdrawalIds)
                .query((ResultSet rs) -> {
                    attempts.put(rs.getLong("withdrawal_id") + ":" + rs.getInt("payee_line"), rs.getInt("n"));
                });
        return attempts;
    }

    // ---------------------------------------------------------------- bank results

    @Override
    @Transactional
    public BankResults importBankResults(long batchId, byte[] file, Actor actor) {
        PaymentBatch batch = jdbc.sql("select id from payment_batch where id = ? for update").param(batchId)
                .query(Long.class).optional().flatMap(this::batch)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payment.batch.notFound"));
        rights.require(actor, batch.agencyId(), "payment-batch:" + batchId, Right.RECORDER, Right.PAYMENT_APPROVER);
        BankResultMatch parsed = BankResultFiles.read(file, batch);
        String sha256 = Canonical.sha256(file);
        if (!parsed.errors.isEmpty()) {
            audit.append(AuditEntry.of("disbursement.payment.results.refused").by(actor.username(), actor.accountId())
                    .agency(batch.agencyId()).target("payment-batch:" + batchId).with("errors", parsed.errors.size())
                    .with("format", parsed.format).with("sha256", sha256).build());
            return new BankResults(0, 0, 0, parsed.errors);
        }
        Settlement settlement = new Settlement(batch.agencyId(), rights.today(), OffsetDateTime.now(clock), actor);
        List<AuditEntry> events = new ArrayList<>();
        for (BankResultMatch.Result result : parsed.results) {
            Payment payment = result.payment();
            Withdrawal withdrawal = settlement.locked.computeIfAbsent(payment.withdrawalId(), this::lock);
            if (result.paid()) {
                settlement.paid(payment, withdrawal);
            } else {
                settlement.failed(payment, withdrawal, result.reason());
            }
            events.add(AuditEntry.of(result.paid() ? "disbursement.payment.paid" : "disbursement.payment.failed")
                    .by(actor.username(), actor.accountId()).agency(batch.agencyId())
                    .target("withdrawal:" + withdrawal.id()).with("endToEndId", payment.endToEndId())
                    .with("amount", payment.amount()).with("reason", result.reason()).build());
        }
        settlement.write();
        OffsetDateTime now = settlement.now;
        int paid = settlement.paid;
        int failed = settlement.failed;
        jdbc.sql("update payment_batch set results_at = ? where id = ?").params(now, batchId).update();
        events.add(AuditEntry.of("disbursement.payment.resultsImported").by(actor.username(), actor.accountId())
                .agency(batch.agencyId()).target("payment-batch:" + batchId).with("paid", paid).with("failed", failed)
                .with("pending", parsed.pending).with("unchanged", parsed.unchanged).with("format", parsed.format)
                .with("sha256", sha256).build());
        audit.appendAll(events);
        return new BankResults(paid, failed, parsed.pending, List.of());
    }

    /**
     * What a bank result file changes, gathered while it is read and written together: the paid transfers' budget
     * moves (one per budget line), their entries (posted at once) and their rows (one batch); a failed transfer is
     * reversed at once, its money back in the payable.
     */
    private final class Settlement {

        final long agencyId;
        final LocalDate today;
        final OffsetDateTime now;
        final Actor actor;
        final Map<Long, Withdrawal> locked = new HashMap<>();
        final Map<Long, BigDecimal> toPaid = new HashMap<>();
        final List<JournalEntry> paidEntries = new ArrayList<>();
        final List<Object[]> paidRows = new ArrayList<>();
        int paid;
        int failed;

        Settlement(long agencyId, LocalDate today, OffsetDateTime now, Actor actor) {
            this.agencyId = agencyId;
            this.today = today;
            this.now = now;
            this.actor = actor;
        }

        void paid(Payment payment, Withdrawal withdrawal) {
            String certificate = certificateNumber(withdrawal, today);
            paidRows.add(certificate == null ? new Object[] {now, payment.id()}
                    : new Object[] {now, certificate, payment.id()});
            if (!withdrawal.hasPayeeList()) {
                jdbc.sql("update withdrawal set state = 'PAID', version = version + 1 where id = ?")
                        .param(withdrawal.id()).update();
            }
            if (withdrawal.type().budget()) {
                (withdrawal.hasPayeeList() ? Map.of(withdrawal.lines().getFirst().budgetLineId(), payment.amount())
                        : budgetAmounts(withdrawal)).forEach((line, amount) -> toPaid.merge(line, amount,
                        BigDecimal::add));
            }
            paidEntries.add(new JournalEntry(agencyId, today, "payment.paid", withdrawal.number(),
                    "จ่ายเงินแล้ว " + payment.endToEndId(), List.of(JournalLine.debit(IN_TRANSIT, payment.amount()),
                    JournalLine.credit(withdrawal.type().budget() ? BUDGET_REVENUE : TREASURY_DEPOSITS,
                            payment.amount()))));
            paid++;
        }

        void failed(Payment payment, Withdrawal withdrawal, String reason) {
            jdbc.sql("update payment set state = 'FAILED', live = null, line_live = null, result_at = ?,"
                            + " result_reason = ? where id = ? and state = 'SENT'")
                    .params(now, reason, payment.id()).update();
            if (!withdrawal.hasPayeeList()) {
                jdbc.sql("update withdrawal set state = 'PAYMENT_FAILED', version = version + 1 where id = ?")
                        .param(withdrawal.id()).update();
            }
            long entryId = jdbc.sql("select entry_id from payment where id = ?").param(payment.id())
                    .query(Long.class).single();
            // The money returns to the payable: it is owed to the payee until paid again or the request ends.
            ledger.reverse(entryId, today, "โอนไม่สำเร็จ " + reason, actor);
            failed++;
        }

        void write() {
            // As at approval 2, no null is bound: the certificate's number is set only where tax was withheld.
            template.batchUpdate("update payment set state = 'PAID', result_at = ? where id = ? and state = 'SENT'",
                    paidRows.stream().filter(row -> row.length == 2).toList());
            template.batchUpdate("update payment set state = 'PAID', result_at = ?, certificate_no = ? where id = ?"
                    + " and state = 'SENT'", paidRows.stream().filter(row -> row.length == 3).toList());
            budgets.move(toPaid, "committed", "paid");
            if (!paidEntries.isEmpty()) {
                ledger.postAll(paidEntries, actor);
            }
            locked.values().stream().filter(Withdrawal::hasPayeeList).forEach(JdbcWithdrawals.this::settleList);
        }
    }

    /**
     * R13 for a list: paid once every line is paid; waiting for approval 2 again while a line's transfer failed (only
     * those lines are sent again, the rest stay paid); still at the bank otherwise.
     */
    private void settleList(Withdrawal withdrawal) {
        PayeeLists.Standing standing = payeeLists.standing(withdrawal.id());
        WithdrawalState state = standing.unpaid() > 0 ? WithdrawalState.PAYMENT_FAILED
                : standing.inFlight() > 0 ? WithdrawalState.PAYMENT_APPROVED : WithdrawalState.PAID;
        jdbc.sql("update withdrawal set state = ?, version = version + 1 where id = ?").params(state.name(),
                withdrawal.id()).update();
    }

    /**
     * The number of the 50 ทวิ certificate of a paid payment that withheld tax: the agency's code, the fiscal year and
     * a gapless running number ("7003012345-2570-000001"), or null when nothing was withheld.
     */
    private String certificateNumber(Withdrawal withdrawal, LocalDate paidOn) {
        if (withdrawal.deductions().tax().signum() == 0) {
            return null;
        }
        int fiscalYear = FiscalYears.of(paidOn);
        String agency = agencies.byId(withdrawal.agencyId()).orElseThrow().code().value();
        return numbers.format(agency, fiscalYear, numbers.next(withdrawal.agencyId(), fiscalYear, "WHT"));
    }

    // ---------------------------------------------------------------- reading

    @Override
    @Transactional(readOnly = true)
    public Optional<Withdrawal> find(long withdrawalId) {
        return load("where id = :id", Map.of("id", withdrawalId)).stream().findFirst();
    }

    private Withdrawal lock(long withdrawalId) {
        return load("where id = :id for update", Map.of("id", withdrawalId)).stream().findFirst()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
    }

    private static void requireState(Withdrawal withdrawal, WithdrawalState expected) {
        if (withdrawal.state() != expected) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withdrawal.state.of", withdrawal.displayNumber(),
                    withdrawal.state());
        }
    }

    private List<Withdrawal> load(String where, Map<String, ?> params) {
        List<Withdrawal> bare = jdbc.sql("select " + COLUMNS + " from withdrawal " + where).params(params)
                .query((rs, row) -> withdrawal(rs, List.of())).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<Withdrawal.Line>> lines = new HashMap<>();
        jdbc.sql("select withdrawal_id, line_no, budget_line_id, gl_code, description, invoice_ref, amount"
                        + " from withdrawal_line where withdrawal_id in (:ids) order by withdrawal_id, line_no")
                .param("ids", bare.stream().map(Withdrawal::id).toList())
                .query((ResultSet rs) -> {
                    lines.computeIfAbsent(rs.getLong("withdrawal_id"), id -> new ArrayList<>())
                            .add(new Withdrawal.Line(rs.getInt("line_no"), rs.getObject("budget_line_id", Long.class),
                                    rs.getString("gl_code").strip(), rs.getString("description"),
                                    rs.getString("invoice_ref"), rs.getBigDecimal("amount")));
                });
        return bare.stream().map(w -> new Withdrawal(w.id(), w.agencyId(), w.fiscalYear(), w.type(), w.number(),
                w.payeeId(), w.purchaseOrder(), w.description(), w.total(), w.state(), w.recordedBy(), w.recordedAt(),
                w.approval1By(), w.approval1At(), w.approval1Sha256(), lines.getOrDefault(w.id(), List.of()),
                w.deductions(), w.payeeList()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<PayeeLine> payeeLines(long withdrawalId, int page) {
        int number = Math.max(0, page);
        long total = find(withdrawalId).map(Withdrawal::payeeList).map(PayeeList::count).orElse(0);
        return new Page<>(total == 0 ? List.of() : payeeLists.page(withdrawalId, number, 50), number, 50, total);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Integer, Payment.State> payeeLineStates(long withdrawalId, int page) {
        return payeeLists.states(withdrawalId, Math.max(0, page) * 50 + 1, Math.max(0, page) * 50 + 50);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Withdrawal> forAgency(long agencyId, WithdrawalState state, int page) {
        int size = 50;
        int number = Math.max(0, page);
        String filter = "where agency_id = :agency" + (state == null ? "" : " and state = :state");
        Map<String, Object> params = new HashMap<>();
        params.put("agency", agencyId);
        if (state != null) {
            params.put("state", state.name());
        }
        long total = jdbc.sql("select count(*) from withdrawal " + filter).params(params).query(Long.class).single();
        List<Withdrawal> items = load(filter + " order by id desc offset " + (number * size) + " rows fetch next "
                + size + " rows only", params);
        return new Page<>(items, number, size, total);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Withdrawal> waiting(long agencyId, WithdrawalState state, int limit) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal where agency_id = ? and state = ? order by id desc"
                        + " fetch first " + Math.max(0, Math.min(limit, 500)) + " rows only")
                .params(agencyId, state.name())
                .query((rs, row) -> withdrawal(rs, List.of())).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentBatch> batch(long batchId) {
        return jdbc.sql("select id, agency_id, message_id, item_count, total, execution_date, manifest_sha256,"
                        + " approved_by, approved_at from payment_batch where id = ?").param(batchId)
                .query((rs, row) -> new PaymentBatch(rs.getLong("id"), rs.getLong("agency_id"),
                        rs.getString("message_id"), rs.getInt("item_count"), rs.getBigDecimal("total"),
                        rs.getObject("execution_date", LocalDate.class), rs.getString("manifest_sha256"),
                        rs.getLong("approved_by"), rs.getObject("approved_at", OffsetDateTime.class).toInstant(),
                        paymentsWhere("batch_id = ?", batchId)))
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentBatch> batches(long agencyId) {
        // Summaries only: a batch may hold 10,000 payments, which a list of batches does not need.
        return jdbc.sql("select id, agency_id, message_id, item_count, total, execution_date, manifest_sha256,"
                        + " approved_by, approved_at from payment_batch where agency_id = ? order by id desc"
                        + " fetch first 50 rows only").param(agencyId)
                .query((rs, row) -> new PaymentBatch(rs.getLong("id"), rs.getLong("agency_id"),
                        rs.getString("message_id"), rs.getInt("item_count"), rs.getBigDecimal("total"),
                        rs.getObject("execution_date", LocalDate.class), rs.getString("manifest_sha256"),
                        rs.getLong("approved_by"), rs.getObject("approved_at", OffsetDateTime.class).toInstant(),
                        List.of()))
                .list();
    }

    @Override
    @Transactional
    public byte[] paymentFile(long batchId, Actor actor) {
        PaymentBatch batch = batch(batchId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payment.batch.notFound"));
        rights.require(actor, batch.agencyId(), "payment-batch:" + batchId, Right.RECORDER, Right.PAYMENT_APPROVER);
        audit.append(AuditEntry.of("disbursement.payment.fileDownloaded").by(actor.username(), actor.accountId())
                .agency(batch.agencyId()).target("payment-batch:" + batchId).with("messageId", batch.messageId())
                .build());
        return jdbc.sql("select file_content from payment_batch where id = ?").param(batchId).query(byte[].class)
                .single();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Payment> payments(long withdrawalId) {
        return paymentsWhere("withdrawal_id = ?", withdrawalId);
    }

    private List<Payment> paymentsWhere(String where, long id) {
        return jdbc.sql("select id, batch_id, withdrawal_id, end_to_end_id, amount, bank_code, account_number,"
                        + " account_name, state, approved_by, result_at, result_reason, payee_line from payment where "
                        + where
                        + " order by id").param(id)
                .query((rs, row) -> new Payment(rs.getLong("id"), rs.getLong("batch_id"), rs.getLong("withdrawal_id"),
                        rs.getString("end_to_end_id"), rs.getBigDecimal("amount"),
                        new BankAccount(rs.getString("bank_code"), rs.getString("account_number"),
                                rs.getString("account_name")), Payment.State.valueOf(rs.getString("state")),
                        rs.getLong("approved_by"), Optional.ofNullable(rs.getObject("result_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant).orElse(null), rs.getString("result_reason"),
                        rs.getInt("payee_line")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.khlang.disbursement.RegisterRow> register(long agencyId, LocalDate from, LocalDate to) {
        java.time.ZoneId bangkok = java.time.ZoneId.of("Asia/Bangkok");
        return jdbc.sql("""
                        select w.id, w.doc_type, w.doc_number, w.recorded_at, p.name, w.list_count, w.description,
                               w.total, w.state,
                               w.approval1_at,
                               (select max(b.approved_at) from payment x join payment_batch b on b.id = x.batch_id
                                where x.withdrawal_id = w.id and (x.live = 1 or x.line_live = 1)) as approval2_at,
                               (select max(x.result_at) from payment x
                                where x.withdrawal_id = w.id and x.state = 'PAID') as paid_at
                        from withdrawal w left join payee p on p.id = w.payee_id
                        where w.agency_id = ? and w.recorded_at >= ? and w.recorded_at < ?
                        order by w.recorded_at, w.id fetch first 20000 rows only""")
                .params(agencyId, from.atStartOfDay(bangkok).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(bangkok).toOffsetDateTime())
                .query((rs, row) -> new org.khlang.disbursement.RegisterRow(rs.getLong("id"),
                        DocumentType.valueOf(rs.getString("doc_type")), rs.getString("doc_number"),
                        instant(rs, "recorded_at"), rs.getString("name") != null ? rs.getString("name")
                                : "ผู้รับเงิน " + rs.getInt("list_count") + " ราย", rs.getString("description"),
                        rs.getBigDecimal("total"), WithdrawalState.valueOf(rs.getString("state")),
                        instant(rs, "approval1_at"), instant(rs, "approval2_at"), instant(rs, "paid_at")))
                .list();
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    // ---------------------------------------------------------------- re-verification

    @Override
    @Transactional(readOnly = true)
    public List<BrokenApproval> brokenApprovals(Long agencyId, int limit) {
        List<Long> ids = jdbc.sql("select id from withdrawal where approval1_sha256 is not null"
                        + " and (cast(? as bigint) is null or agency_id = ?) order by id desc fetch first "
                        + Math.max(1, Math.min(limit, 10_000)) + " rows only")
                .params(agencyId, agencyId).query(Long.class).list();
        List<BrokenApproval> broken = new ArrayList<>();
        for (long id : ids) {
            Withdrawal withdrawal = find(id).orElseThrow();
            for (ApprovalCheck check : verifyApprovals(id)) {
                if (!check.valid()) {
                    broken.add(new BrokenApproval(id, withdrawal.agencyId(), withdrawal.displayNumber(), check));
                }
            }
        }
        return broken;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ApprovalCheck> verifyApprovals(long withdrawalId) {
        Withdrawal withdrawal = find(withdrawalId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
        List<ApprovalCheck> checks = new ArrayList<>();
        if (withdrawal.approval1Sha256() == null) {
            return checks;
        }
        Payee payee = payeeOf(withdrawal);
        String signed1 = jdbc.sql("select approval1_signed from withdrawal where id = ?").param(withdrawalId)
                .query(String.class).single();
        checks.add(check("APPROVAL_1", withdrawal.approval1By(), signed1, withdrawal.approval1Sha256(),
                Canonical.approval1(withdrawal, payee, attachmentHashes(withdrawal.id()))));
        List<Long> batchIds = jdbc.sql("select distinct batch_id from payment where withdrawal_id = ? order by batch_id")
                .param(withdrawalId).query(Long.class).list();
        for (long batchId : batchIds) {
            Map<String, Object> row = jdbc.sql("select agency_id, manifest_sha256, decision, approved_by"
                    + " from payment_batch where id = ?").param(batchId).query().singleRow();
            List<Canonical.Item> items = new ArrayList<>();
            for (Payment payment : paymentsWhere("batch_id = ?", batchId)) {
                Withdrawal document = payment.withdrawalId() == withdrawalId ? withdrawal
                        : find(payment.withdrawalId()).orElseThrow();
                items.add(payment.payeeLine() > 0
                        ? new Canonical.Item(document.id(), document.number(), payment.amount(), Deductions.NONE,
                                payment.account(), document.approval1Sha256(), payment.payeeLine())
                        : new Canonical.Item(document.id(), document.number(), document.total(),
                                document.deductions(), payment.account(), document.approval1Sha256()));
            }
            checks.add(check("APPROVAL_2", ((Number) row.get("approved_by")).longValue(), (String) row.get("decision"),
                    (String) row.get("manifest_sha256"),
                    Canonical.manifest(((Number) row.get("agency_id")).longValue(), items)));
        }
        return checks;
    }

    private ApprovalCheck check(String kind, long approver, String signed, String recorded, String current) {
        Optional<SignedDecision> decision = decisions.verify(signed);
        boolean signatureValid = decision.isPresent() && decision.get().approves(recorded)
                && decision.get().accountId() == approver;
        return new ApprovalCheck(kind, approver, decision.map(SignedDecision::deviceId).orElse(null),
                decision.map(SignedDecision::signedAt).orElse(null), recorded, current, signatureValid,
                recorded.equals(current));
    }

    private static Withdrawal withdrawal(ResultSet rs, List<Withdrawal.Line> lines) throws SQLException {
        Object approver = rs.getObject("approval1_by");
        OffsetDateTime approvedAt = rs.getObject("approval1_at", OffsetDateTime.class);
        return new Withdrawal(rs.getLong("id"), rs.getLong("agency_id"), rs.getInt("fiscal_year"),
                DocumentType.valueOf(rs.getString("doc_type")), rs.getString("doc_number"), rs.getLong("payee_id"),
                rs.getString("purchase_order"), rs.getString("description"), rs.getBigDecimal("total"),
                WithdrawalState.valueOf(rs.getString("state")), rs.getLong("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                approver == null ? null : ((Number) approver).longValue(),
                approvedAt == null ? null : approvedAt.toInstant(), rs.getString("approval1_sha256"), lines,
                new Deductions(rs.getBigDecimal("vat_amount"), rs.getBigDecimal("withholding_rate"),
                        rs.getBigDecimal("withholding_tax"), rs.getBigDecimal("fine"), rs.getString("fine_reason")),
                rs.getObject("list_count") == null ? null : new PayeeList(rs.getInt("list_count"),
                        rs.getBigDecimal("total"), rs.getString("list_sha256")));
    }
}
