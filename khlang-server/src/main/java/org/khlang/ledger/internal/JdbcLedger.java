package org.khlang.ledger.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.ledger.GlAccount;
import org.khlang.ledger.GlDetailLine;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.PostedEntry;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcLedger implements Ledger {

    private static final String ENTRY_COLUMNS = "id, agency_id, entry_date, posted_at, source, reference, description,"
            + " total, reverses_id";
    private static final int MAX_LINES = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, GlAccount> chart = new ConcurrentHashMap<>();

    JdbcLedger(JdbcClient jdbc, JdbcTemplate template, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public PostedEntry post(JournalEntry entry, Actor actor) {
        long id = postAll(List.of(entry), actor).getFirst();
        return entry(id).orElseThrow();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> postAll(List<JournalEntry> entries, Actor actor) {
        entries.forEach(this::check);
        OffsetDateTime now = OffsetDateTime.now(clock);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        template.batchUpdate(connection -> connection.prepareStatement("""
                        insert into journal_entry (agency_id, entry_date, posted_at, posted_by, source, reference,
                                                   description, total, line_count)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"}),
                new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        JournalEntry entry = entries.get(i);
                        statement.setLong(1, entry.agencyId());
                        statement.setObject(2, entry.date());
                        statement.setObject(3, now);
                        if (actor.accountId() == null) {
                            statement.setNull(4, Types.BIGINT);
                        } else {
                            statement.setLong(4, actor.accountId());
                        }
                        statement.setString(5, entry.source());
                        statement.setString(6, entry.reference());
                        statement.setString(7, entry.description());
                        statement.setBigDecimal(8, entry.debits());
                        statement.setInt(9, entry.lines().size());
                    }

                    @Override
                    public int getBatchSize() {
                        return entries.size();
                    }
                }, keys);
        List<Long> ids = keys.getKeyList().stream().map(row -> ((Number) row.values().iterator().next()).longValue())
                .toList();
        if (ids.size() != entries.size()) {
            throw new IllegalStateException("expected " + entries.size() + " entry ids, got " + ids.size());
        }
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int number = 1;
            for (JournalLine line : entries.get(i).lines()) {
                lines.add(new Object[] {ids.get(i), number++, line.glCode(), line.debit(), line.credit(),
                    line.budgetLineId()});
            }
        }
        template.batchUpdate("insert into journal_line (entry_id, line_no, gl_code, debit, credit, budget_line_id)"
                + " values (?, ?, ?, ?, ?, ?)", lines, new int[] {Types.BIGINT, Types.INTEGER, Types.CHAR,
                    Types.NUMERIC, Types.NUMERIC, Types.BIGINT});
        return ids;
    }

    /** Balanced, on accounts of the chart, with at least one debit and one credit, amounts in satang. */
    private void check(JournalEntry entry) {
        if (entry.lines().size() < 2 || entry.lines().size() > MAX_LINES) {
            throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "ledger.lines");
        }
        for (JournalLine line : entry.lines()) {
            if (account(line.glCode()).isEmpty()) {
                throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "ledger.account.unknown", line.glCode());
            }
            if (line.debit().signum() < 0 || line.credit().signum() < 0
                    || line.debit().signum() != 0 && line.credit().signum() != 0
                    || line.debit().signum() == 0 && line.credit().signum() == 0) {
                throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "ledger.line.oneSide");
            }
        }
        if (entry.debits().compareTo(entry.credits()) != 0) {
            throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "ledger.unbalanced", entry.debits(), entry.credits());
        }
        if (entry.source() == null || entry.source().isBlank() || entry.source().length() > 40
                || entry.reference() == null || entry.reference().isBlank() || entry.reference().length() > 100
                || entry.description() == null || entry.description().length() > 500 || entry.date() == null) {
            throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "ledger.entry.invalid");
        }
    }

    @Override
    @Transactional
    public PostedEntry reverse(long entryId, LocalDate date, String reason, Actor actor) {
        PostedEntry original = jdbc.sql("select " + ENTRY_COLUMNS + " from journal_entry where id = ? for update")
                .param(entryId).query((rs, row) -> entry(rs, List.of())).optional()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "ledger.entry.notFound"));
        if (original.reversesId() != null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "ledger.entry.isReversal");
        }
        if (jdbc.sql("select count(*) from journal_entry where reverses_id = ?").param(entryId).query(Long.class)
                .single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "ledger.entry.alreadyReversed");
        }
        List<JournalLine> lines = lines(List.of(entryId)).getOrDefault(entryId, List.of()).stream()
                .map(JournalLine::reversed).toList();
        String text = reason == null || reason.isBlank() ? "reversal" : reason.strip();
        JournalEntry reversal = new JournalEntry(original.agencyId(), date, original.source() + ".reversed",
                original.reference(), text.length() > 500 ? text.substring(0, 500) : text, lines);
        check(reversal);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into journal_entry (agency_id, entry_date, posted_at, posted_by, source, reference,
                                                   description, total, line_count, reverses_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(reversal.agencyId(), date, OffsetDateTime.now(clock), actor.accountId(), reversal.source(),
                        reversal.reference(), reversal.description(), reversal.debits(), lines.size(), entryId)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        int number = 1;
        for (JournalLine line : lines) {
            jdbc.sql("insert into journal_line (entry_id, line_no, gl_code, debit, credit, budget_line_id)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(id, number++, line.glCode(), line.debit(), line.credit(), line.budgetLineId()).update();
        }
        audit.append(AuditEntry.of("ledger.entry.reversed").by(actor.username(), actor.accountId())
                .agency(original.agencyId()).target("journal:" + entryId).with("reversal", id)
                .with("reference", original.reference()).with("total", original.total()).with("reason", text)
                .build());
        return entry(id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PostedEntry> entry(long entryId) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from journal_entry where id = ?").param(entryId)
                .query((rs, row) -> entry(rs, lines(List.of(entryId)).getOrDefault(entryId, List.of())))
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PostedEntry> byReference(long agencyId, String reference) {
        List<PostedEntry> bare = jdbc.sql("select " + ENTRY_COLUMNS + " from journal_entry where agency_id = ?"
                + " and reference = ? order by id").params(agencyId, reference).query((rs, row) -> entry(rs, List.of())).list();
        Map<Long, List<JournalLine>> lines = lines(bare.stream().map(PostedEntry::id).toList());
        return bare.stream().map(entry -> new PostedEntry(entry.id(), entry.agencyId(), entry.date(),
                entry.postedAt(), entry.source(), entry.reference(), entry.description(), entry.total(),
                entry.reversesId(), lines.getOrDefault(entry.id(), List.of()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public TrialBalance trialBalance(long agencyId, LocalDate asOf) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.gl_code, sum(l.debit) as debits, sum(l.credit) as credits
                        from journal_line l join journal_entry e on e.id = l.entry_id
                        where e.agency_id = ? and e.entry_date <= ?
                        group by l.gl_code order by l.gl_code""")
                .params(agencyId, asOf)
                .query((ResultSet rs) -> {
                    sums.put(rs.getString("gl_code").strip(),
                            new BigDecimal[] {rs.getBigDecimal("debits"), rs.getBigDecimal("credits")});
                });
        List<TrialBalance.Row> rows = new ArrayList<>();
        sums.forEach((code, pair) -> rows.add(new TrialBalance.Row(account(code).orElseThrow(),
                pair[0].setScale(2), pair[1].setScale(2))));
        return new TrialBalance(agencyId, asOf, rows);
    }

    @Override
    @Transactional(readOnly = true)
    public List<GlDetailLine> detail(long agencyId, String glCode, LocalDate from, LocalDate to) {
        GlAccount account = account(glCode)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "ledger.account.unknown", glCode));
        BigDecimal opening = jdbc.sql("""
                        select coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0)
                        from journal_line l join journal_entry e on e.id = l.entry_id
                        where e.agency_id = ? and l.gl_code = ? and e.entry_date < ?""")
                .params(agencyId, glCode, from).query(BigDecimal.class).single();
        BigDecimal[] running = {account.kind().debitNormal() ? opening : opening.negate()};
        return jdbc.sql("""
                        select e.id, e.entry_date, e.source, e.reference, e.description, l.debit, l.credit
                        from journal_line l join journal_entry e on e.id = l.entry_id
                        where e.agency_id = ? and l.gl_code = ? and e.entry_date between ? and ?
                        order by e.entry_date, e.id, l.line_no fetch first 10000 rows only""")
                .params(agencyId, glCode, from, to)
                .query((rs, row) -> {
                    BigDecimal debit = rs.getBigDecimal("debit");
                    BigDecimal credit = rs.getBigDecimal("credit");
                    running[0] = running[0].add(account.kind().debitNormal() ? debit.subtract(credit)
                            : credit.subtract(debit));
                    return new GlDetailLine(rs.getLong("id"), rs.getObject("entry_date", LocalDate.class),
                            rs.getString("source"), rs.getString("reference"), rs.getString("description"), debit,
                            credit, running[0].setScale(2));
                }).list();
    }

    @Override
    public List<GlAccount> chart() {
        loadChart();
        return chart.values().stream().sorted(java.util.Comparator.comparing(GlAccount::code)).toList();
    }

    @Override
    public Optional<GlAccount> account(String code) {
        if (code == null) {
            return Optional.empty();
        }
        loadChart();
        return Optional.ofNullable(chart.get(code.strip()));
    }

    private void loadChart() {
        if (chart.isEmpty()) {
            jdbc.sql("select code, name_th, name_en, kind from gl_account")
                    .query((rs, row) -> new GlAccount(rs.getString("code").strip(), rs.getString("name_th"),
                            rs.getString("name_en"), GlAccount.Kind.valueOf(rs.getString("kind"))))
                    .list().forEach(account -> chart.put(account.code(), account));
        }
    }

    private Map<Long, List<JournalLine>> lines(List<Long> entryIds) {
        Map<Long, List<JournalLine>> lines = new HashMap<>();
        if (entryIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("select entry_id, gl_code, debit, credit, budget_line_id from journal_line where entry_id in (:ids)"
                        + " order by entry_id, line_no")
                .param("ids", entryIds)
                .query((ResultSet rs) -> {
                    lines.computeIfAbsent(rs.getLong("entry_id"), id -> new ArrayList<>())
                            .add(new JournalLine(rs.getString("gl_code").strip(), rs.getBigDecimal("debit"),
                                    rs.getBigDecimal("credit"), (Long) rs.getObject("budget_line_id", Long.class)));
                });
        return lines;
    }

    private static PostedEntry entry(ResultSet rs, List<JournalLine> lines) throws SQLException {
        Object reverses = rs.getObject("reverses_id");
        return new PostedEntry(rs.getLong("id"), rs.getLong("agency_id"), rs.getObject("entry_date", LocalDate.class),
                rs.getObject("posted_at", OffsetDateTime.class).toInstant(), rs.getString("source"),
                rs.getString("reference"), rs.getString("description"), rs.getBigDecimal("total"),
                reverses == null ? null : ((Number) reverses).longValue(), lines);
    }
}
