package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskSubject;
import org.khlang.support.H2Databases;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development mode runs the rules on H2 in PostgreSQL mode: every statement of {@link RiskFacts} and of the findings
 * (window function, distinct with order, case-blind match, limits) is parsed and run there. The tables are empty:
 * what the statements find is proven on PostgreSQL ({@code RiskIntegrationTests}); here, that H2 takes them.
 */
class H2RiskFactsTests {

    @Test
    void everyStatementOfTheRulesRunsOnH2() {
        DataSource data = H2Databases.migrated("khlang-risk");
        JdbcClient jdbc = JdbcClient.create(data);
        RiskFacts facts = new RiskFacts(jdbc, RiskProperties.defaults());
        Instant now = Instant.parse("2026-12-08T03:00:00Z");
        RiskSubject subject = new RiskSubject(11, 1, "ขบ02-2570-000011", 1L, new BigDecimal("5000.00"),
                List.of("IV-1"), now);
        Facts.Documents documents = facts.documents(List.of(subject), now);
        assertThat(documents.bankChanges()).isEmpty();
        assertThat(documents.sharedAccounts()).isEmpty();
        assertThat(documents.sameInvoice()).isEmpty();
        assertThat(documents.sameAmount()).isEmpty();
        assertThat(documents.nearLimit()).isEmpty();
        assertThat(documents.paidHistory()).isEmpty();
        Facts.Approver approver = facts.approver(7, now, true);
        assertThat(approver.phoneBoundAt()).isNull();
        assertThat(approver.refusedPushes()).isEmpty();
        assertThat(approver.signInNetwork()).isNull();

        JdbcRiskFindings findings = new JdbcRiskFindings(jdbc, new org.springframework.jdbc.core.JdbcTemplate(data));
        assertThat(findings.openHolds(List.of(11L))).isEmpty();
        assertThat(findings.inbox(1, true, 0).items()).isEmpty();
        assertThat(findings.export(1, false, 10)).isEmpty();
        assertThat(findings.summary(List.of(1L), 10)).isEmpty();
        assertThat(findings.summary(null, 10)).isEmpty();
        assertThat(findings.forDocument(11)).isEmpty();
    }
}
