package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskSubject;
import org.khlang.shared.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the facts the rules need, for all documents of an approval at once: one statement per kind of fact. Reads the
 * money, Soft Token and lost-phone tables and changes nothing.
 */
@Component
class RiskFacts {

    private static final String OTHER = "o.id, o.doc_number, o.total, o.recorded_at, o.state ";

    private final JdbcClient jdbc;
    private final RiskProperties settings;
    private final JsonMapper json = JsonMapper.builder().build();

    RiskFacts(JdbcClient jdbc, RiskProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Facts.Documents documents(List<RiskSubject> subjects, Instant now) {
        List<Long> ids = subjects.stream().map(RiskSubject::withdrawalId).toList();
        List<Long> payees = subjects.stream().map(RiskSubject::payeeId).filter(Objects::nonNull).distinct().toList();
        if (payees.isEmpty()) {
            return Facts.Documents.none();
        }
        return new Facts.Documents(bankChanges(payees, now), sharedAccounts(payees), sameInvoice(ids),
                sameAmount(ids), nearLimit(payees, now), paidHistory(payees));
    }

    private Map<Long, List<Facts.BankChange>> bankChanges(List<Long> payees, Instant now) {
        Map<Long, List<Facts.BankChange>> found = new HashMap<>();
        jdbc.sql("select payee_id, id, decided_at, bank_code, account_number, requested_by, decided_by"
                        + " from payee_bank_change where state = 'APPROVED' and decided_at >= :since"
                        + " and payee_id in (:payees)")
                .param("since", at(now.minus(Duration.ofDays(settings.bankChangeDays()))))
                .param("payees", payees)
                .query((ResultSet rs) -> {
                    long decidedBy = rs.getLong("decided_by");
                    found.computeIfAbsent(rs.getLong("payee_id"), key -> new ArrayList<>()).add(new Facts.BankChange(
                            rs.getLong("id"), instant(rs, "decided_at"), rs.getString("bank_code"),
                            rs.getString("account_number"), rs.getLong("requested_by"),
                            rs.wasNull() ? null : decidedBy));
                });
        return found;
    }

    private Map<Long, List<Facts.SharedAccount>> sharedAccounts(List<Long> payees) {
        Map<Long, List<Facts.SharedAccount>> found = new HashMap<>();
        jdbc.sql("""
                        select p.id as payee_id, o.id as other_id, o.name as other_name, p.bank_code, p.account_number,
                               case when p.kind = 'OFFICER' or o.kind = 'OFFICER' or exists (
                                   select 1 from person s where s.agency_id = p.agency_id
                                   and (s.citizen_id = o.tax_id or s.citizen_id = p.tax_id)) then 1 else 0 end as staff
                        from payee p
                        join payee o on o.agency_id = p.agency_id and o.bank_code = p.bank_code
                                    and o.account_number = p.account_number and o.id <> p.id
                        where p.id in (:payees)
                        order by p.id, o.id""")
                .param("payees", payees)
                .query((ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong("payee_id"), key -> new ArrayList<>()).add(
                            new Facts.SharedAccount(rs.getLong("other_id"), rs.getString("other_name"),
                                    rs.getInt("staff") == 1, rs.getString("bank_code"),
                                    rs.getString("account_number")));
                });
        return found;
    }

    private Map<Long, List<Facts.OtherDocument>> sameInvoice(List<Long> ids) {
        Map<Long, List<Facts.OtherDocument>> found = new LinkedHashMap<>();
        jdbc.sql("select distinct l.withdrawal_id, ol.invoice_ref, " + OTHER + """
                         from withdrawal_line l
                         join withdrawal w on w.id = l.withdrawal_id
                         join withdrawal o on o.payee_id = w.payee_id and o.id <> w.id and o.state <> 'CANCELLED'
                         join withdrawal_line ol on ol.withdrawal_id = o.id
                              and upper(trim(ol.invoice_ref)) = upper(trim(l.invoice_ref))
                         where l.withdrawal_id in (:ids) and l.invoice_ref is not null and trim(l.invoice_ref) <> ''
                         order by l.withdrawal_id, o.id""")
                .param("ids", ids)
                .query((ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong("withdrawal_id"), key -> new ArrayList<>())
                            .add(other(rs, rs.getString("invoice_ref")));
                });
        return found;
    }

    private Map<Long, List<Facts.OtherDocument>> sameAmount(List<Long> ids) {
        Map<Long, List<Facts.OtherDocument>> found = new HashMap<>();
        jdbc.sql("select w.id as withdrawal_id, " + OTHER + """
                         from withdrawal w
                         join withdrawal o on o.payee_id = w.payee_id and o.total = w.total and o.id <> w.id
                                          and o.state <> 'CANCELLED'
                         where w.id in (:ids)
                         order by w.id, o.id""")
                .param("ids", ids)
                .query((ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong("withdrawal_id"), key -> new ArrayList<>()).add(other(rs, null));
                });
        return found;
    }

    /** The payees' documents of the split window whose totals are just under one of the limits. */
    private Map<Long, List<Facts.OtherDocument>> nearLimit(List<Long> payees, Instant now) {
        Map<Long, List<Facts.OtherDocument>> found = new HashMap<>();
        if (settings.procurementLimits().isEmpty()) {
            return found;
        }
        StringBuilder bands = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < settings.procurementLimits().size(); i++) {
            BigDecimal limit = settings.procurementLimits().get(i);
            bands.append(i == 0 ? "" : " or ").append("(o.total >= :floor").append(i).append(" and o.total < :limit")
                    .append(i).append(')');
            params.put("floor" + i, limit.subtract(limit.multiply(settings.splitMargin())));
            params.put("limit" + i, limit);
        }
        params.put("payees", payees);
        params.put("since", at(now.minus(Duration.ofDays(settings.splitDays()))));
        jdbc.sql("select o.payee_id, " + OTHER + " from withdrawal o where o.payee_id in (:payees)"
                        + " and o.state <> 'CANCELLED' and o.recorded_at >= :since and (" + bands + ")")
                .params(params)
                .query((ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong("payee_id"), key -> new ArrayList<>()).add(other(rs, null));
                });
        return found;
    }

    private Map<Long, List<BigDecimal>> paidHistory(List<Long> payees) {
        Map<Long, List<BigDecimal>> found = new HashMap<>();
        jdbc.sql("""
                        select payee_id, total from (
                            select payee_id, total, row_number() over (partition by payee_id
                                                                       order by recorded_at desc, id desc) as n
                            from withdrawal where payee_id in (:payees) and state = 'PAID') h
                        where n <= :limit""")
                .param("payees", payees)
                .param("limit", settings.unusualHistory())
                .query((ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong("payee_id"), key -> new ArrayList<>())
                            .add(rs.getBigDecimal("total"));
                });
        return found;
    }

    /** The approver's phone, lost-phone replacement, refused pushes and sign-ins. {@code given}: the approval is done. */
    Facts.Approver approver(long accountId, Instant now, boolean given) {
        Map<String, Object> device = jdbc.sql("select id, activated_at from softtoken_device where account_id = ?"
                        + " and state = 'ACTIVE'")
                .param(accountId).query((rs, row) -> {
                    Map<String, Object> one = new HashMap<>();
                    one.put("id", rs.getString("id"));
                    one.put("at", instant(rs, "activated_at"));
                    return one;
                }).optional().orElse(Map.of());
        Instant bound = (Instant) device.get("at");
        Instant replaced = jdbc.sql("select max(replacement_approved_at) from lost_device_report where account_id = ?")
                .param(accountId).query((rs, row) -> instant(rs, 1)).optional().orElse(null);
        int approvals = device.isEmpty() ? 0 : jdbc.sql("select count(*) from approval_request where device_id = ?"
                        + " and kind = 'APPROVAL' and state = 'CONSUMED'")
                .param(device.get("id")).query(Integer.class).single();
        // a refused push is DENIED within its two minutes of life: by the (account, state, created) index
        List<Instant> refused = jdbc.sql("select decided_at from approval_request where account_id = ?"
                        + " and state = 'DENIED' and created_at >= ?"
                        + " and outcome in ('WRONG_NUMBER', 'DENIED_BY_PERSON', 'NOT_ME')")
                .params(accountId, at(now.minus(settings.refusedPushWindow()).minus(java.time.Duration.ofMinutes(10))))
                .query((rs, row) -> instant(rs, 1)).list().stream().filter(java.util.Objects::nonNull).toList();
        List<Map.Entry<Instant, String>> signIns = jdbc.sql("select created_at, display from approval_request"
                        + " where account_id = ? and kind = 'LOGIN' and state = 'CONSUMED' and created_at >= ?"
                        + " and created_at <= ? order by created_at desc limit 200")
                .params(accountId, at(now.minus(settings.networkHistory())), at(now))
                .query((rs, row) -> Map.entry(instant(rs, 1), network(rs.getString(2)))).list();
        String network = signIns.isEmpty() ? null : signIns.getFirst().getValue();
        List<String> known = signIns.stream().skip(1).map(Map.Entry::getValue).filter(Objects::nonNull).toList();
        return new Facts.Approver(now, bound, replaced, Math.max(0, approvals - (given ? 1 : 0)), refused, network,
                signIns.isEmpty() ? null : signIns.getFirst().getKey(), known);
    }

    /** The IPv4 /24 or IPv6 /48 of the address a login request showed, or null. */
    String network(String display) {
        Object ip = json.readValue(display, Map.class).get("ip");
        return ip == null ? null : Networks.of(ip.toString());
    }

    private static Facts.OtherDocument other(ResultSet rs, String invoiceRef) throws SQLException {
        // as people read it: KB02-2570-000001 is ขบ02-2570-000001
        String number = rs.getString("doc_number").replaceFirst("^KB", "ขบ");
        return new Facts.OtherDocument(rs.getLong("id"), number, rs.getBigDecimal("total"),
                instant(rs, "recorded_at"), rs.getString("state"), invoiceRef);
    }

    static OffsetDateTime at(Instant instant) {
        return JdbcTimes.utc(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return JdbcTimes.instant(rs, column);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return JdbcTimes.instant(rs, column);
    }
}
