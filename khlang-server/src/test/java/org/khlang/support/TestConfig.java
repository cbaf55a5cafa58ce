package org.khlang.support;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestConfig {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(ZoneId.of("Asia/Bangkok"));
    }

    @Bean
    @Primary
    MutablePasskeyPolicy testPasskeyPolicy() {
        return new MutablePasskeyPolicy();
    }

    /** Each run starts from an empty database built by the real migrations. */
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }

    @Bean
    SoftTokenFixtures softTokenFixtures(Fixtures fixtures, org.khlang.softtoken.SoftTokens softTokens,
                                        org.khlang.softtoken.RegistrationWindows windows,
                                        org.springframework.jdbc.core.JdbcTemplate jdbc, Clock clock) {
        return new SoftTokenFixtures(fixtures, softTokens, windows, jdbc, clock);
    }

    /** An SMTP server in the test JVM: the e-mails Khlang sends are received here and inspected. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    com.icegreen.greenmail.util.GreenMail greenMail(
            @org.springframework.beans.factory.annotation.Value("${spring.mail.port}") int port) {
        return new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(port,
                "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
    }

    @Bean
    MoneyFixtures moneyFixtures(Fixtures fixtures, SoftTokenFixtures tokens, org.khlang.disbursement.Budgets budgets,
                                org.khlang.disbursement.Payees payees,
                                org.khlang.disbursement.Withdrawals withdrawals, Clock clock) {
        return new MoneyFixtures(fixtures, tokens, budgets, payees, withdrawals, clock);
    }

    @Bean
    Fixtures fixtures(org.khlang.authority.Agencies agencies, org.khlang.identity.Staff staff,
                      org.khlang.identity.Credentials credentials, org.khlang.identity.Passwords passwords,
                      Clock clock, org.khlang.authority.Rights rights) {
        return new Fixtures(agencies, staff, credentials, passwords, clock, rights);
    }
}
