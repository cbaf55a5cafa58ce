package org.khlang.authority.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agency;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.authority.SegregationOfDuties;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcRights implements Rights {

    private static final String COLUMNS = "id, account_id, right_code, agency_id, registrar_office_id, substitute,"
            + " effective_from, effective_to, source, source_reference";

    private static final RowMapper<RightGrant> GRANT = (rs, row) -> new RightGrant(rs.getLong("id"),
            rs.getLong("account_id"), Right.valueOf(rs.getString("right_code")),
            (Long) rs.getObject("agency_id", Long.class), (Long) rs.getObject("registrar_office_id", Long.class),
            rs.getBoolean("substitute"), rs.getObject("effective_from", LocalDate.class),
            rs.getObject("effective_to", LocalDate.class), rs.getString("source"), rs.getString("source_reference"));

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    JdbcRights(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    // One statement, read on every signed-in request (SessionGate) and at sign-in: no transaction of its own, which
    // would add a round trip (BEGIN READ ONLY ... COMMIT) and the transaction manager's work to each of them.
    @Override
    public List<RightGrant> effectiveOn(long accountId, LocalDate date) {
        return jdbc.sql("select " + COLUMNS + " from right_grant where account_id = ? and effective_from <= ?"
                        + " and (effective_to is null or effective_to >= ?) order by right_code, id")
                .params(accountId, date, date).query(GRANT).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RightGrant> holders(long agencyId, Right right, LocalDate date) {
        return jdbc.sql("select " + COLUMNS + " from right_grant where agency_id = ? and right_code = ?"
                        + " and effective_from <= ? and (effective_to is null or effective_to >= ?) order by account_id")
                .params(agencyId, right.name(), date, date).query(GRANT).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RightGrant> staffHolders(Right right, LocalDate date) {
        return jdbc.sql("select " + COLUMNS + " from right_grant where agency_id is null and right_code = ?"
                        + " and effective_from <= ? and (effective_to is null or effective_to >= ?) order by account_id"
                        + " fetch first 1000 rows only")
                .params(right.name(), date, date).query(GRANT).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RightGrant> inForce(Long agencyId, LocalDate date) {
        return jdbc.sql("select " + COLUMNS + " from right_grant where agency_id is not null"
                        + " and (cast(? as bigint) is null or agency_id = ?)"
                        + " and effective_from <= ? and (effective_to is null or effective_to >= ?)"
                        + " order by agency_id, account_id fetch first 20000 rows only")
                .params(agencyId, agencyId, date, date).query(GRANT).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<org.khlang.authority.RightConflict> segregationConflicts(Long agencyId) {
        List<RightGrant> withdrawal = jdbc.sql("select " + COLUMNS + " from right_grant where right_code ="
                        + " 'WITHDRAWAL_APPROVER' and (cast(? as bigint) is null or agency_id = ?)")
                .params(agencyId, agencyId).query(GRANT).list();
        List<org.khlang.authority.RightConflict> conflicts = new java.util.ArrayList<>();
        for (RightGrant w : withdrawal) {
            List<RightGrant> payment = jdbc.sql("select " + COLUMNS + " from right_grant where right_code ="
                            + " 'PAYMENT_APPROVER' and account_id = ? and agency_id = ?")
                    .params(w.accountId(), w.agencyId()).query(GRANT).list();
            for (RightGrant p : payment) {
                boolean wEndsBefore = w.effectiveTo() != null && w.effectiveTo().isBefore(p.effectiveFrom());
                boolean pEndsBefore = p.effectiveTo() != null && p.effectiveTo().isBefore(w.effectiveFrom());
                if (!wEndsBefore && !pEndsBefore) {
                    conflicts.add(new org.khlang.authority.RightConflict(w.accountId(), w.agencyId(), w, p));
                }
            }
        }
        return conflicts;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RightGrant> history(long accountId) {
        return jdbc.sql("select " + COLUMNS + " from right_grant where account_id = ? order by effective_from desc, id desc")
                .param(accountId).query(GRANT).list();
    }

    @Override
    @Transactional
    public RightGrant grant(NewRightGrant grant, Actor actor) {
        if (grant.agencyId() != null) {
            // Lock the holder's grants for this agency so that two concurrent grants cannot both pass R10.
            List<RightGrant> held = jdbc.sql("select " + COLUMNS + " from right_grant where account_id = ?"
                            + " and agency_id = ? order by id for update")
                    .params(grant.accountId(), grant.agencyId()).query(GRANT).list();
            Optional<RightGrant> conflict = SegregationOfDuties.conflict(grant.right(), grant.agencyId(),
                    grant.effectiveFrom(), grant.effectiveTo(), held);
            if (conflict.isPresent()) {
                audit.appendRefusal(AuditEntry.of("authority.right.refused").by(actor.username(), actor.accountId())
                        .agency(grant.agencyId()).target("account:" + grant.accountId())
                        .with("right", grant.right()).with("conflictsWith", conflict.get().right())
                        .with("rule", "R10").build());
                throw new KhlangProblem(ProblemKind.CONFLICT, "rights.segregation", grant.right(),
                        conflict.get().right());
            }
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into right_grant (account_id, right_code, agency_id, registrar_office_id, substitute,
                                                 effective_from, effective_to, source, source_reference, granted_by,
                                                 granted_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(grant.accountId(), grant.right().name(), grant.agencyId(), grant.registrarOfficeId(),
                        grant.substitute(), grant.effectiveFrom(), grant.effectiveTo(), grant.source(),
                        grant.sourceReference(), actor.accountId(), OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("authority.right.granted").by(actor.username(), actor.accountId())
                .agency(grant.agencyId()).target("account:" + grant.accountId()).with("right", grant.right())
                .with("source", grant.source()).with("sourceReference", grant.sourceReference())
                .with("registrarOffice", grant.registrarOfficeId()).with("from", grant.effectiveFrom())
                .with("to", grant.effectiveTo()).with("substitute", grant.substitute()).build());
        return jdbc.sql("select " + COLUMNS + " from right_grant where id = ?").param(id).query(GRANT).single();
    }

    @Override
    @Transactional
    public int end(long accountId, Right right, long agencyId, LocalDate lastDay, String reference, Actor actor) {
        long later = jdbc.sql("select count(*) from right_grant where account_id = ? and agency_id = ? and right_code = ?"
                        + " and effective_from > ?")
                .params(accountId, agencyId, right.name(), lastDay).query(Long.class).single();
        if (later > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.end.futureGrant", lastDay.plusDays(1));
        }
        int cut = jdbc.sql("update right_grant set effective_to = ? where account_id = ? and agency_id = ?"
                        + " and right_code = ? and (effective_to is null or effective_to > ?)")
                .params(lastDay, accountId, agencyId, right.name(), lastDay).update();
        audit.append(AuditEntry.of("authority.right.ended").by(actor.username(), actor.accountId()).agency(agencyId)
                .target("account:" + accountId).with("right", right).with("lastDay", lastDay)
                .with("grants", cut).with("reference", reference).build());
        return cut;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> registrarOfficesOf(long accountId, LocalDate date) {
        Set<Long> offices = new HashSet<>();
        for (RightGrant grant : effectiveOn(accountId, date)) {
            if (grant.right() == Right.REGISTRAR) {
                offices.add(grant.registrarOfficeId());
            }
        }
        return offices;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean servesAgency(long accountId, Agency agency, LocalDate date) {
        return registrarOfficesOf(accountId, date).contains(agency.registrarOfficeId());
    }
}
