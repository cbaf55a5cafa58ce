package org.khlang.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.khlang.audit.AuditQuery;
import org.khlang.audit.AuditRecord;
import org.khlang.audit.AuditTrail;
import org.khlang.shared.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcAuditTrail implements AuditTrail {

    private static final String COLUMNS = "seq, occurred_at, actor, actor_account_id, device_id, agency_id, action,"
            + " target, details, prev_hash, hash";

    private final JdbcClient jdbc;

    JdbcAuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(AuditQuery query) {
        StringBuilder sql = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" and action like ? escape '\\'");
            params.add(escape(query.action()) + "%");
        }
        if (query.agencyId() != null) {
            sql.append(" and agency_id = ?");
            params.add(query.agencyId());
        }
        if (query.target() != null) {
            sql.append(" and target like ? escape '\\'");
            params.add(escape(query.target()) + "%");
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        return new Where(sql.toString(), params);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    @Transactional(readOnly = true)
    public Page<AuditRecord> search(AuditQuery query, int page, int size) {
        int bounded = Page.boundedSize(size);
        int number = Math.max(0, page);
        Where where = where(query);
        long total = jdbc.sql("select count(*) from audit_event" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<AuditRecord> items = jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql()
                        + " order by seq desc offset " + ((long) number * bounded) + " rows fetch next " + bounded
                        + " rows only")
                .params(where.params()).query((rs, row) -> record(rs)).list();
        return new Page<>(items, number, bounded, total);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditRecord> export(AuditQuery query, int max) {
        Where where = where(query);
        return jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql() + " order by seq desc fetch first "
                        + Math.max(1, Math.min(max, 100_000)) + " rows only")
                .params(where.params()).query((rs, row) -> record(rs)).list();
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        long account = rs.getLong("actor_account_id");
        Long accountId = rs.wasNull() ? null : account;
        long agency = rs.getLong("agency_id");
        Long agencyId = rs.wasNull() ? null : agency;
        return new AuditRecord(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), accountId, rs.getString("device_id"), agencyId, rs.getString("action"),
                rs.getString("target"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
