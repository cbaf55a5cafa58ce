package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.Payment;
import org.khlang.disbursement.PayeeLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The lines of documents that pay a list of payees: mapping and queries only. */
@Component
class PayeeLists {

    private static final String COLUMNS = "line_no, name, citizen_id, bank_code, account_number, amount";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PayeeLists(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(long withdrawalId, List<PayeeLine> lines) {
        template.batchUpdate("insert into withdrawal_payee_line (withdrawal_id, line_no, name, citizen_id, bank_code,"
                + " account_number, amount) values (?, ?, ?, ?, ?, ?, ?)", lines.stream().map(line -> new Object[] {
                    withdrawalId, line.number(), line.name(), line.citizenId(), line.account().bankCode(),
                    line.account().number(), line.amount()}).toList());
    }

    void delete(long withdrawalId) {
        jdbc.sql("delete from withdrawal_payee_line where withdrawal_id = ?").param(withdrawalId).update();
    }

    List<PayeeLine> all(long withdrawalId) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal_payee_line where withdrawal_id = ? order by line_no")
                .param(withdrawalId).query(PayeeLists::line).list();
    }

    List<PayeeLine> page(long withdrawalId, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal_payee_line where withdrawal_id = ? order by line_no"
                        + " offset " + Math.max(0, page) * size + " rows fetch next " + size + " rows only")
                .param(withdrawalId).query(PayeeLists::line).list();
    }

    /** The lines no transfer is live for: never sent, or sent and failed. */
    List<PayeeLine> unpaid(long withdrawalId) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal_payee_line l where l.withdrawal_id = ? and not exists"
                        + " (select 1 from payment p where p.withdrawal_id = l.withdrawal_id and p.payee_line = l.line_no"
                        + " and p.line_live = 1) order by l.line_no")
                .param(withdrawalId).query(PayeeLists::line).list();
    }

    /** The latest transfer state of each line from {@code first} to {@code last}, for the lines that have one. */
    Map<Integer, Payment.State> states(long withdrawalId, int first, int last) {
        Map<Integer, Payment.State> states = new HashMap<>();
        jdbc.sql("select payee_line, state from payment where withdrawal_id = ? and payee_line between ? and ?"
                        + " order by id")
                .params(withdrawalId, first, last)
                .query((ResultSet rs) -> {
                    states.put(rs.getInt("payee_line"), Payment.State.valueOf(rs.getString("state")));
                });
        return states;
    }

    /** How the list's transfers stand: lines with no live transfer, and live ones not yet paid. */
    record Standing(long unpaid, long inFlight) {
    }

    Standing standing(long withdrawalId) {
        return jdbc.sql("""
                        select (select count(*) from withdrawal_payee_line l where l.withdrawal_id = ? and not exists
                                  (select 1 from payment p where p.withdrawal_id = l.withdrawal_id
                                   and p.payee_line = l.line_no and p.line_live = 1)) as unpaid,
                               (select count(*) from payment p where p.withdrawal_id = ? and p.line_live = 1
                                  and p.state = 'SENT') as in_flight""")
                .params(withdrawalId, withdrawalId)
                .query((rs, row) -> new Standing(rs.getLong("unpaid"), rs.getLong("in_flight"))).single();
    }

    private static PayeeLine line(ResultSet rs, int row) throws SQLException {
        String citizen = rs.getString("citizen_id");
        String name = rs.getString("name");
        BigDecimal amount = rs.getBigDecimal("amount");
        return new PayeeLine(rs.getInt("line_no"), name, citizen == null ? null : citizen.strip(),
                new BankAccount(rs.getString("bank_code"), rs.getString("account_number"), name), amount);
    }
}
