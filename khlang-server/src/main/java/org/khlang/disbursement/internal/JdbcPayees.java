package org.khlang.disbursement.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.disbursement.Alert;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BankChange;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcPayees implements Payees {

    private static final String COLUMNS = "id, agency_id, kind, name, tax_id, bank_code, account_number, account_name,"
            + " tax_status";
    private static final String CHANGE_COLUMNS = "id, payee_id, bank_code, account_number, account_name, reason,"
            + " state, requested_by, requested_at, decided_by, decided_at";
    private static final RowMapper<Payee> PAYEE = JdbcPayees::payee;
    private static final RowMapper<BankChange> CHANGE = JdbcPayees::change;

    private final JdbcClient jdbc;
    private final AgencyRights agencyRights;
    private final Rights rights;
    private final AuditLog audit;
    private final Clock clock;

    JdbcPayees(JdbcClient jdbc, AgencyRights agencyRights, Rights rights, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.agencyRights = agencyRights;
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Payee register(long agencyId, NewPayee payee, Actor actor) {
        agencyRights.require(actor, agencyId, "payee", Right.RECORDER);
        if (payee.kind() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.kind");
        }
        String name = payee.name() == null ? "" : payee.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.name");
        }
        String taxId = taxId(payee.kind(), payee.taxId());
        if (payee.account() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "bank.unknown");
        }
        if (jdbc.sql("select count(*) from payee where agency_id = ? and tax_id = ?").params(agencyId, taxId)
                .query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "payee.duplicate", taxId);
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into payee (agency_id, kind, name, tax_id, bank_code, account_number, account_name,
                                           created_at, created_by, tax_status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agencyId, payee.kind().name(), name, taxId, payee.account().bankCode(),
                        payee.account().number(), payee.account().name(), OffsetDateTime.now(clock),
                        actor.accountId(), new NewPayee(payee.kind(), name, taxId, payee.account(),
                                payee.taxStatus()).taxStatusOrSuggested().name())
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("disbursement.payee.registered").by(actor.username(), actor.accountId())
                .agency(agencyId).target("payee:" + id).with("kind", payee.kind())
                .with("taxStatus", payee.taxStatusOrSuggested()).with("bank",
                        payee.account().bankCode()).with("account", payee.account().masked()).build());
        return find(id).orElseThrow();
    }

    /**
     * A 13-digit tax identification number with the check digit of the citizen-ID scheme; firms' numbers start
     * with 0, people's never do.
     */
    static String taxId(PayeeKind kind, String text) {
        String digits = text == null ? "" : text.strip().replace("-", "").replace(" ", "");
        if (!digits.matches("[0-9]{13}")) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.taxId.format");
        }
        if (kind == PayeeKind.OFFICER) {
            return CitizenId.of(digits).value();
        }
        if (CitizenId.checkDigit(digits) != digits.charAt(12) - '0') {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.taxId.checkDigit");
        }
        return digits;
    }

    @Override
    @Transactional
    public Payee changeTaxStatus(long payeeId, TaxStatus status, Actor actor) {
        Payee payee = lockPayee(payeeId);
        agencyRights.require(actor, payee.agencyId(), "payee:" + payeeId, Right.RECORDER);
        if (status == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.taxStatus");
        }
        if (status == payee.taxStatus()) {
            return payee;
        }
        jdbc.sql("update payee set tax_status = ?, version = version + 1 where id = ?").params(status.name(), payeeId)
                .update();
        audit.append(AuditEntry.of("disbursement.payee.taxStatusChanged").by(actor.username(), actor.accountId())
                .agency(payee.agencyId()).target("payee:" + payeeId).with("from", payee.taxStatus())
                .with("to", status).build());
        alertHeads(payee, "TAX_STATUS_CHANGED", "เปลี่ยนสถานะภาษีของผู้รับเงิน " + payee.name() + " จาก "
                        + payee.taxStatus().thai() + " เป็น " + status.thai() + " โดย " + actor.username(),
                "The tax status of payee " + payee.name() + " was changed from " + payee.taxStatus() + " to "
                        + status + " by " + actor.username());
        return find(payeeId).orElseThrow();
    }

    @Override
    @Transactional
    public BankChange requestBankChange(long payeeId, BankAccount account, String reason, Actor actor) {
        Payee payee = lockPayee(payeeId);
        agencyRights.require(actor, payee.agencyId(), "payee:" + payeeId, Right.RECORDER);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.change.reason");
        }
        if (account == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "bank.unknown");
        }
        if (account.equals(payee.account())) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.change.same");
        }
        if (jdbc.sql("select count(*) from payee_bank_change where payee_id = ? and state = 'PENDING'")
                .param(payeeId).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "payee.change.pending");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into payee_bank_change (payee_id, bank_code, account_number, account_name, reason,
                                                       state, requested_by, requested_at)
                        values (?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(payeeId, account.bankCode(), account.number(), account.name(), why, actor.accountId(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("disbursement.payee.bankChangeRequested").by(actor.username(), actor.accountId())
                .agency(payee.agencyId()).target("payee:" + payeeId).with("change", id)
                .with("from", payee.account().bankCode() + ":" + payee.account().masked())
                .with("to", account.bankCode() + ":" + account.masked()).with("reason", why).build());
        alertHeads(payee, "BANK_CHANGE_REQUESTED",
                "มีคำขอเปลี่ยนบัญชีธนาคารของผู้รับเงิน " + payee.name() + " จาก " + payee.account().masked()
                        + " เป็น " + account.bankNameTh() + " " + account.masked() + " โดย " + actor.username(),
                "A change of bank account was requested for payee " + payee.name() + " from "
                        + payee.account().masked() + " to " + account.bankCode() + " " + account.masked() + " by "
                        + actor.username());
        return change(id).orElseThrow();
    }

    @Override
    @Transactional
    public BankChange decideBankChange(long changeId, boolean approve, Actor actor) {
        BankChange change = jdbc.sql("select " + CHANGE_COLUMNS + " from payee_bank_change where id = ? for update")
                .param(changeId).query(CHANGE).optional()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payee.change.notFound"));
        Payee payee = lockPayee(change.payeeId());
        agencyRights.require(actor, payee.agencyId(), "payee:" + payee.id(), Right.AGENCY_HEAD,
                Right.PAYMENT_APPROVER, Right.WITHDRAWAL_APPROVER);
        if (change.state() != BankChange.State.PENDING) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "payee.change.decided", change.state());
        }
        if (!actor.isSystem() && actor.accountId() == change.requestedBy()) {
            throw agencyRights.refuse(actor, payee.agencyId(), "payee:" + payee.id(), "withdrawal.sod.bankChange");
        }
        if (approve && jdbc.sql("select count(*) from payment where withdrawal_id in (select id from withdrawal"
                        + " where payee_id = ?) and state = 'SENT'").param(payee.id()).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "payee.change.inFlight");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("update payee_bank_change set state = ?, decided_by = ?, decided_at = ? where id = ?")
                .params(approve ? "APPROVED" : "REJECTED", actor.accountId(), now, changeId).update();
        if (approve) {
            jdbc.sql("update payee set bank_code = ?, account_number = ?, account_name = ?, version = version + 1"
                            + " where id = ?")
                    .params(change.account().bankCode(), change.account().number(), change.account().name(),
                            payee.id())
                    .update();
        }
        audit.append(AuditEntry.of(approve ? "disbursement.payee.bankChangeApproved"
                        : "disbursement.payee.bankChangeRejected").by(actor.username(), actor.accountId())
                .agency(payee.agencyId()).target("payee:" + payee.id()).with("change", changeId)
                .with("to", change.account().bankCode() + ":" + change.account().masked()).build());
        alertHeads(payee, approve ? "BANK_CHANGE_APPROVED" : "BANK_CHANGE_REJECTED",
                (approve ? "อนุมัติ" : "ไม่อนุมัติ") + "การเปลี่ยนบัญชีธนาคารของผู้รับเงิน " + payee.name() + " เป็น "
                        + change.account().masked() + " โดย " + actor.username(),
                "The change of bank account of payee " + payee.name() + " to " + change.account().masked()
                        + " was " + (approve ? "approved" : "rejected") + " by " + actor.username());
        return change(changeId).orElseThrow();
    }

    private void alertHeads(Payee payee, String kind, String th, String en) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (RightGrant head : rights.holders(payee.agencyId(), Right.AGENCY_HEAD, agencyRights.today())) {
            jdbc.sql("""
                            insert into money_alert (agency_id, recipient_id, kind, message_th, message_en, target,
                                                     created_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(payee.agencyId(), head.accountId(), kind, th, en, "payee:" + payee.id(), now).update();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Alert> alerts(long accountId) {
        return jdbc.sql("select id, agency_id, kind, message_th, message_en, target, created_at from money_alert"
                        + " where recipient_id = ? and read_at is null order by id desc fetch first 50 rows only")
                .param(accountId)
                .query((rs, row) -> new Alert(rs.getLong("id"), rs.getLong("agency_id"), rs.getString("kind"),
                        rs.getString("message_th"), rs.getString("message_en"), rs.getString("target"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private Payee lockPayee(long payeeId) {
        return jdbc.sql("select " + COLUMNS + " from payee where id = ? for update").param(payeeId).query(PAYEE)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payee.notFound"));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Payee> find(long payeeId) {
        return jdbc.sql("select " + COLUMNS + " from payee where id = ?").param(payeeId).query(PAYEE).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Payee> forAgency(long agencyId) {
        return jdbc.sql("select " + COLUMNS + " from payee where agency_id = ? order by name fetch first 500 rows only")
                .param(agencyId).query(PAYEE).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<BankChange> pendingChanges(long agencyId) {
        return jdbc.sql("select c." + CHANGE_COLUMNS.replace(", ", ", c.")
                        + " from payee_bank_change c join payee p on p.id = c.payee_id"
                        + " where p.agency_id = ? and c.state = 'PENDING' order by c.id")
                .param(agencyId).query(CHANGE).list();
    }

    private Optional<BankChange> change(long id) {
        return jdbc.sql("select " + CHANGE_COLUMNS + " from payee_bank_change where id = ?").param(id).query(CHANGE)
                .optional();
    }

    private static Payee payee(ResultSet rs, int row) throws SQLException {
        return new Payee(rs.getLong("id"), rs.getLong("agency_id"), PayeeKind.valueOf(rs.getString("kind")),
                rs.getString("name"), rs.getString("tax_id"), new BankAccount(rs.getString("bank_code"),
                rs.getString("account_number"), rs.getString("account_name")),
                TaxStatus.valueOf(rs.getString("tax_status")));
    }

    private static BankChange change(ResultSet rs, int row) throws SQLException {
        Object decidedBy = rs.getObject("decided_by");
        OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
        return new BankChange(rs.getLong("id"), rs.getLong("payee_id"), new BankAccount(rs.getString("bank_code"),
                rs.getString("account_number"), rs.getString("account_name")), rs.getString("reason"),
                BankChange.State.valueOf(rs.getString("state")), rs.getLong("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                decidedBy == null ? null : ((Number) decidedBy).longValue(),
                decidedAt == null ? null : decidedAt.toInstant());
    }
}
