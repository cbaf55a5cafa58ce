package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingRate;
import org.khlang.disbursement.WithholdingRates;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The withholding-tax table: mapping and queries only; the rules of a rate are checked in {@link #add}. */
@Service
class JdbcWithholdingRates implements WithholdingRates {

    /** No Thai withholding rate on a payment reaches this; a higher figure is a typing mistake. */
    static final BigDecimal MAX_RATE = new BigDecimal("0.15");

    private static final String COLUMNS = "id, tax_status, effective_from, rate, threshold, legal_basis, created_at";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    JdbcWithholdingRates(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<WithholdingRate> all() {
        return jdbc.sql("select " + COLUMNS + " from withholding_rate order by tax_status, effective_from desc")
                .query((rs, row) -> rate(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WithholdingRate> inForce(TaxStatus status, LocalDate day) {
        if (status == TaxStatus.EXEMPT) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from withholding_rate where tax_status = ? and effective_from <= ?"
                        + " order by effective_from desc fetch first 1 rows only")
                .params(status.name(), day).query((rs, row) -> rate(rs)).optional();
    }

    @Override
    @Transactional
    public WithholdingRate add(TaxStatus status, LocalDate effectiveFrom, BigDecimal rate, BigDecimal threshold,
                               String legalBasis, Actor admin) {
        if (status == null || status == TaxStatus.EXEMPT) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.status");
        }
        if (effectiveFrom == null || effectiveFrom.isBefore(LocalDate.now(clock))) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.effectiveFrom");
        }
        if (rate == null || rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0 || rate.scale() > 4) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.rate");
        }
        if (threshold == null || threshold.signum() < 0 || threshold.scale() > 2) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.threshold");
        }
        String basis = legalBasis == null ? "" : legalBasis.strip();
        if (basis.isEmpty() || basis.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.basis");
        }
        if (jdbc.sql("select count(*) from withholding_rate where tax_status = ? and effective_from = ?")
                .params(status.name(), effectiveFrom).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "withholding.exists");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into withholding_rate (tax_status, effective_from, rate, threshold, legal_basis,
                                                      created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(status.name(), effectiveFrom, rate, threshold, basis, admin.accountId(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("disbursement.withholding.rateAdded").by(admin.username(), admin.accountId())
                .target("withholding-rate:" + id).with("status", status).with("effectiveFrom", effectiveFrom)
                .with("rate", rate).with("threshold", threshold).with("basis", basis).build());
        return jdbc.sql("select " + COLUMNS + " from withholding_rate where id = ?").param(id)
                .query((rs, row) -> rate(rs)).single();
    }

    private static WithholdingRate rate(ResultSet rs) throws SQLException {
        return new WithholdingRate(rs.getLong("id"), TaxStatus.valueOf(rs.getString("tax_status")),
                rs.getObject("effective_from", LocalDate.class), rs.getBigDecimal("rate"),
                rs.getBigDecimal("threshold"), rs.getString("legal_basis"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
