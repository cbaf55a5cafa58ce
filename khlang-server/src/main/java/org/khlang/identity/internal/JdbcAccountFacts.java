package org.khlang.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.khlang.identity.AccountFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
class JdbcAccountFacts implements AccountFacts {

    private static final String SELECT = "select a.id, a.username, p.title_th || p.first_name_th || ' ' || p.last_name_th"
            + " as name, p.agency_id, ";
    private static final String FROM = " from user_account a join person p on p.id = a.person_id"
            + " where a.state = 'ACTIVE' and (cast(? as bigint) is null or p.agency_id = ?)";

    private final JdbcClient jdbc;

    JdbcAccountFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AccountFact> passwordsChangedBefore(Instant cutoff, Long agencyId) {
        return jdbc.sql(SELECT + "a.password_changed_at as at" + FROM + " and a.password_changed_at < ?"
                        + " order by a.password_changed_at fetch first 5000 rows only")
                .params(agencyId, agencyId, cutoff.atOffset(ZoneOffset.UTC)).query((rs, row) -> fact(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AccountFact> unusedSince(Instant cutoff, Long agencyId) {
        return jdbc.sql(SELECT + "a.last_login_at as at" + FROM
                        + " and coalesce(a.last_login_at, a.issued_at) < ? order by a.last_login_at nulls first"
                        + " fetch first 5000 rows only")
                .params(agencyId, agencyId, cutoff.atOffset(ZoneOffset.UTC)).query((rs, row) -> fact(rs)).list();
    }

    private static AccountFact fact(ResultSet rs) throws SQLException {
        Object agency = rs.getObject("agency_id");
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new AccountFact(rs.getLong("id"), rs.getString("username"), rs.getString("name"),
                agency == null ? null : ((Number) agency).longValue(), at == null ? null : at.toInstant());
    }
}
