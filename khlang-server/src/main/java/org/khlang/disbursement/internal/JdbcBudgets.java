package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.ledger.GlAccount;
import org.khlang.ledger.Ledger;
import org.khlang.shared.Actor;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcBudgets implements Budgets {

    static final String COLUMNS = "id, agency_id, fiscal_year, budget_code, fund_source, gl_code, activity, allotted,"
            + " reserved, committed, paid";
    static final RowMapper<BudgetLine> LINE = JdbcBudgets::line;
    private static final int MAX_ROWS = 5_000;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AgencyRights rights;
    private final AuditLog audit;
    private final Clock clock;

    JdbcBudgets(JdbcClient jdbc, Ledger ledger, AgencyRights rights, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public BudgetLine create(long agencyId, NewBudgetLine line, Actor actor) {
        rights.require(actor, agencyId, "budget", Right.RECORDER, Right.AGENCY_HEAD);
        List<FieldProblem> problems = new ArrayList<>(line.problems());
        problems.addAll(chartProblems(line));
        if (!problems.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, problems.getFirst().code(), problems,
                    problems.getFirst().arguments().toArray());
        }
        if (exists(agencyId, line)) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "budget.duplicate", line.budgetCode().strip());
        }
        BudgetLine saved = insert(agencyId, line, actor);
        audit.append(AuditEntry.of("disbursement.budget.created").by(actor.username(), actor.accountId())
                .agency(agencyId).target("budget:" + saved.id()).with("year", saved.fiscalYear())
                .with("code", saved.budgetCode()).with("gl", saved.glCode()).with("allotted", saved.allotted())
                .build());
        return saved;
    }

    @Override
    @Transactional
    public ImportReport<BudgetLine> importCsv(long agencyId, byte[] csv, Actor actor) {
        rights.require(actor, agencyId, "budget", Right.RECORDER, Right.AGENCY_HEAD);
        BudgetCsv parsed = BudgetCsv.parse(CsvFormats.utf8(csv), MAX_ROWS);
        List<RowError> errors = new ArrayList<>(parsed.errors);
        for (BudgetCsv.Row row : parsed.rows) {
            for (FieldProblem problem : chartProblems(row.budgetLine())) {
                errors.add(new RowError(row.line(), "gl_code", problem.code(), problem.arguments()));
            }
            if (exists(agencyId, row.budgetLine())) {
                errors.add(RowError.of(row.line(), "budget_code", "budget.duplicate", row.budgetLine().budgetCode()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingLong(RowError::line));
            audit.append(AuditEntry.of("disbursement.budget.import.refused").by(actor.username(), actor.accountId())
                    .agency(agencyId).with("rows", parsed.rowsRead).with("errors", errors.size()).build());
            return ImportReport.refused(parsed.rowsRead, errors);
        }
        List<BudgetLine> saved = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (BudgetCsv.Row row : parsed.rows) {
            BudgetLine line = insert(agencyId, row.budgetLine(), actor);
            saved.add(line);
            total = total.add(line.allotted());
        }
        audit.append(AuditEntry.of("disbursement.budget.imported").by(actor.username(), actor.accountId())
                .agency(agencyId).with("rows", saved.size()).with("allotted", total).build());
        return ImportReport.done(saved);
    }

    private List<FieldProblem> chartProblems(NewBudgetLine line) {
        if (line.glCode() == null || !line.glCode().strip().matches("[0-9]{10}")) {
            return List.of();
        }
        Optional<GlAccount> account = ledger.account(line.glCode().strip());
        if (account.isEmpty()) {
            return List.of(FieldProblem.of("glCode", "ledger.account.unknown", line.glCode().strip()));
        }
        if (account.get().kind() != GlAccount.Kind.EXPENSE) {
            return List.of(FieldProblem.of("glCode", "budget.glCode.notExpense", line.glCode().strip()));
        }
        return List.of();
    }

    private boolean exists(long agencyId, NewBudgetLine line) {
        return jdbc.sql("select count(*) from budget_line where agency_id = ? and fiscal_year = ? and budget_code = ?"
                        + " and fund_source = ? and gl_code = ?")
                .params(agencyId, line.fiscalYear(), line.budgetCode().strip(), line.fundSource().strip(),
                        line.glCode().strip())
                .query(Long.class).single() > 0;
    }

    private BudgetLine insert(long agencyId, NewBudgetLine line, Actor actor) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into budget_line (agency_id, fiscal_year, budget_code, fund_source, gl_code, activity,
                                                 allotted, created_at, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agencyId, line.fiscalYear(), line.budgetCode().strip(), line.fundSource().strip(),
                        line.glCode().strip(), line.activity().strip(), line.allotted().setScale(2),
                        OffsetDateTime.now(clock), actor.accountId())
                .update(keys, "id");
        return line(keys.getKeyAs(Long.class)).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<BudgetLine> lines(long agencyId, int fiscalYear) {
        return jdbc.sql("select " + COLUMNS + " from budget_line where agency_id = ? and fiscal_year = ?"
                        + " order by budget_code, gl_code")
                .params(agencyId, fiscalYear).query(LINE).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BudgetLine> line(long id) {
        return jdbc.sql("select " + COLUMNS + " from budget_line where id = ?").param(id).query(LINE).optional();
    }

    /**
     * Moves money between the columns of budget lines, in id order (so concurrent commands never deadlock). Each
     * update re-checks the allotment under the row lock: of two requests racing for the last baht, one is refused.
     */
    void move(Map<Long, BigDecimal> amounts, String from, String to) {
        for (Map.Entry<Long, BigDecimal> entry : new TreeMap<>(amounts).entrySet()) {
            String sql = "update budget_line set " + (from == null ? "" : from + " = " + from + " - ?, ")
                    + to + " = " + to + " + ? where id = ?"
                    + (from == null ? " and reserved + committed + paid + ? <= allotted" : " and " + from + " >= ?");
            int updated = jdbc.sql(sql).params(from == null
                            ? new Object[] {entry.getValue(), entry.getKey(), entry.getValue()}
                            : new Object[] {entry.getValue(), entry.getValue(), entry.getKey(), entry.getValue()})
                    .update();
            if (updated != 1) {
                BudgetLine line = line(entry.getKey()).orElseThrow();
                throw new KhlangProblem(ProblemKind.CONFLICT, "budget.insufficient", line.budgetCode(),
                        org.khlang.shared.Baht.format(line.available()),
                        org.khlang.shared.Baht.format(entry.getValue()));
            }
        }
    }

    /** Releases a reservation (a cancelled or corrected request). */
    void release(Map<Long, BigDecimal> amounts) {
        for (Map.Entry<Long, BigDecimal> entry : new TreeMap<>(amounts).entrySet()) {
            if (jdbc.sql("update budget_line set reserved = reserved - ? where id = ? and reserved >= ?")
                    .params(entry.getValue(), entry.getKey(), entry.getValue()).update() != 1) {
                throw new IllegalStateException("budget line " + entry.getKey() + " holds less than it reserved");
            }
        }
    }

    private static BudgetLine line(ResultSet rs, int row) throws SQLException {
        return new BudgetLine(rs.getLong("id"), rs.getLong("agency_id"), rs.getInt("fiscal_year"),
                rs.getString("budget_code"), rs.getString("fund_source"), rs.getString("gl_code").strip(),
                rs.getString("activity"), rs.getBigDecimal("allotted"), rs.getBigDecimal("reserved"),
                rs.getBigDecimal("committed"), rs.getBigDecimal("paid"));
    }
}
