package org.khlang.risk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.khlang.risk.RiskFinding;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSummary;
import org.khlang.shared.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The recorded findings: mapping and queries only. */
@Component
class JdbcRiskFindings {

    static final int PAGE_SIZE = 50;

    private static final String COLUMNS = "id, agency_id, withdrawal_id, document_number, rule, outcome, stage,"
            + " account_id, reason_th, reason_en, evidence, raised_at, released_by, released_at, release_note";

    private static final RowMapper<RiskFinding> FINDING = (rs, row) -> finding(rs);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcRiskFindings(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A finding to record; {@code fingerprint} makes it once. */
    record New(long agencyId, Long withdrawalId, String documentNumber, RiskRule rule, boolean hold, int stage,
               long accountId, String reasonTh, String reasonEn, String evidence, String fingerprint,
               Instant raisedAt) {
    }

    /** Records the findings not recorded before; answers the ones it recorded. */
    List<New> insertNew(List<New> findings) {
        if (findings.isEmpty()) {
            return List.of();
        }
        Set<String> known = new HashSet<>(jdbc.sql("select fingerprint from risk_finding where fingerprint in (:f)")
                .param("f", findings.stream().map(New::fingerprint).distinct().toList())
                .query(String.class).list());
        List<New> fresh = new ArrayList<>();
        for (New finding : findings) {
            if (known.add(finding.fingerprint())) {
                fresh.add(finding);
            }
        }
        template.batchUpdate("""
                        insert into risk_finding (agency_id, withdrawal_id, document_number, rule, outcome, stage,
                                                  account_id, reason_th, reason_en, evidence, fingerprint, raised_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                fresh.stream().map(f -> new Object[] {f.agencyId(), f.withdrawalId(), f.documentNumber(),
                    f.rule().name(), f.hold() ? "HOLD" : "FLAG", f.stage(), f.accountId(), cut(f.reasonTh()),
                    cut(f.reasonEn()), f.evidence(), f.fingerprint(), RiskFacts.at(f.raisedAt())}).toList());
        return fresh;
    }

    List<RiskFinding> openHolds(Collection<Long> withdrawalIds) {
        if (withdrawalIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from risk_finding where outcome = 'HOLD' and released_at is null"
                        + " and withdrawal_id in (:ids) order by withdrawal_id, id")
                .param("ids", List.copyOf(withdrawalIds)).query(FINDING).list();
    }

    List<RiskFinding> forDocument(long withdrawalId) {
        return jdbc.sql("select " + COLUMNS + " from risk_finding where withdrawal_id = ? order by id desc")
                .param(withdrawalId).query(FINDING).list();
    }

    Optional<RiskFinding> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from risk_finding where id = ?").param(id).query(FINDING).optional();
    }

    Optional<RiskFinding> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from risk_finding where id = ? for update").param(id).query(FINDING)
                .optional();
    }

    Page<RiskFinding> inbox(long agencyId, boolean openOnly, int page) {
        String where = " where agency_id = ?" + (openOnly ? " and outcome = 'HOLD' and released_at is null" : "");
        long total = jdbc.sql("select count(*) from risk_finding" + where).param(agencyId).query(Long.class).single();
        int number = Math.max(0, page);
        List<RiskFinding> items = jdbc.sql("select " + COLUMNS + " from risk_finding" + where + ORDER
                        + " limit ? offset ?")
                .params(agencyId, PAGE_SIZE, (long) number * PAGE_SIZE).query(FINDING).list();
        return new Page<>(items, number, PAGE_SIZE, total);
    }

    List<RiskFinding> export(long agencyId, boolean openOnly, int limit) {
        String where = " where agency_id = ?" + (openOnly ? " and outcome = 'HOLD' and released_at is null" : "");
        return jdbc.sql("select " + COLUMNS + " from risk_finding" + where + ORDER + " limit ?")
                .params(agencyId, limit).query(FINDING).list();
    }

    /** Open holds first, then the newest. */
    private static final String ORDER = " order by case when outcome = 'HOLD' and released_at is null then 0 else 1"
            + " end, raised_at desc, id desc";

    /** Per agency; {@code agencyIds} null for every agency (at most {@code limit}, the most held first). */
    List<RiskSummary> summary(Collection<Long> agencyIds, int limit) {
        if (agencyIds != null && agencyIds.isEmpty()) {
            return List.of();
        }
        var statement = jdbc.sql("""
                        select a.id, a.code, a.name_th,
                               sum(case when f.outcome = 'FLAG' then 1 else 0 end) as flags,
                               sum(case when f.outcome = 'HOLD' then 1 else 0 end) as holds,
                               sum(case when f.outcome = 'HOLD' and f.released_at is null then 1 else 0 end) as open
                        from agency a join risk_finding f on f.agency_id = a.id
                        """ + (agencyIds == null ? "" : "where a.id in (:ids)\n") + """
                        group by a.id, a.code, a.name_th
                        order by open desc, holds desc, flags desc, a.code
                        limit :limit""").param("limit", limit);
        if (agencyIds != null) {
            statement = statement.param("ids", List.copyOf(agencyIds));
        }
        return statement.query((rs, row) -> new RiskSummary(rs.getLong(1), rs.getString(2).strip(), rs.getString(3),
                rs.getInt(4), rs.getInt(5), rs.getInt(6))).list();
    }

    boolean release(long id, long headId, Instant at, String note, String signed) {
        return jdbc.sql("update risk_finding set released_by = ?, released_at = ?, release_note = ?,"
                        + " release_signed = ? where id = ? and outcome = 'HOLD' and released_at is null")
                .params(headId, RiskFacts.at(at), note, signed, id).update() == 1;
    }

    private static String cut(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static RiskFinding finding(ResultSet rs) throws SQLException {
        long withdrawal = rs.getLong("withdrawal_id");
        Long withdrawalId = rs.wasNull() ? null : withdrawal;
        long released = rs.getLong("released_by");
        Long releasedBy = rs.wasNull() ? null : released;
        return new RiskFinding(rs.getLong("id"), rs.getLong("agency_id"), withdrawalId,
                rs.getString("document_number"), RiskRule.valueOf(rs.getString("rule")),
                "HOLD".equals(rs.getString("outcome")), rs.getInt("stage"), rs.getLong("account_id"),
                rs.getString("reason_th"), rs.getString("reason_en"), rs.getString("evidence"),
                RiskFacts.instant(rs, "raised_at"), releasedBy, RiskFacts.instant(rs, "released_at"),
                rs.getString("release_note"));
    }
}
