package org.khlang.identity;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.khlang.audit.AuditLog;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@Tag("R9")
class PasswordIntegrationTests {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Autowired
    Passwords passwords;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theFirstChangeActivatesTheAccountAndEndsTheForcedChange() {
        IssuedCredential issued = issued();
        assertThat(passwords.status(issued.account().id()).mustChange()).isTrue();

        PasswordChange change = passwords.change(issued.account().id(), issued.initialPassword(),
                Fixtures.GOOD_PASSWORD);

        assertThat(change).isInstanceOf(PasswordChange.Changed.class);
        assertThat(passwords.status(issued.account().id()).mustChange()).isFalse();
        assertThat(audit.latest(1).getFirst().action()).isEqualTo("identity.password.changed");
    }

    @Test
    void refusesAWrongCurrentPassword() {
        IssuedCredential issued = issued();

        assertThat(passwords.change(issued.account().id(), "not-the-password", Fixtures.GOOD_PASSWORD))
                .isEqualTo(new PasswordChange.Refused(java.util.List.of("password.currentWrong")));
        assertThat(passwords.status(issued.account().id()).mustChange()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password2568!!", "P@ssw0rd12345", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa",
            "2568-01-01-2568", "abcdefghijklm", "Khlang2568Khlang", "GFMIS-Thai-2568", "iloveyouiloveyou"})
    void refusesCommonAndBreachedPasswords(String common) {
        IssuedCredential issued = issued();

        assertThat(passwords.change(issued.account().id(), issued.initialPassword(), common))
                .isInstanceOfSatisfying(PasswordChange.Refused.class,
                        refused -> assertThat(refused.reasons()).contains("password.common"));
    }

    @Test
    void refusesShortLongAndPersonalPasswords() {
        IssuedCredential issued = issued();
        long id = issued.account().id();
        String username = issued.account().username().value();
        String citizenId = issued.person().citizenId().value();

        assertThat(reasons(id, issued.initialPassword(), "short pass")).containsExactly("password.tooShort");
        assertThat(reasons(id, issued.initialPassword(), "x".repeat(129))).containsExactly("password.tooLong");
        assertThat(reasons(id, issued.initialPassword(), "river " + username + " lantern"))
                .contains("password.containsUsername");
        assertThat(reasons(id, issued.initialPassword(), "ช้างเผือก " + citizenId))
                .contains("password.containsCitizenId");
    }

    @Test
    void refusesAnyOfTheLastFivePasswordsButAllowsTheSixthOldest() {
        IssuedCredential issued = issued();
        long id = issued.account().id();
        String[] chosen = {"first mango orchard lamp", "second quiet harbour tea", "third silver durian bell",
            "fourth rainy season kite", "fifth paper lantern boat", "sixth morning market drum"};
        String current = issued.initialPassword();
        for (String next : chosen) {
            assertThat(passwords.change(id, current, next)).isInstanceOf(PasswordChange.Changed.class);
            current = next;
        }

        for (int i = 1; i < chosen.length; i++) {
            assertThat(reasons(id, current, chosen[i])).containsExactly("password.reused");
        }
        assertThat(passwords.change(id, current, chosen[0])).isInstanceOf(PasswordChange.Changed.class);
    }

    @Test
    void aPasswordExpiresThreeCalendarMonthsAfterItWasSetWithWarningsFromFourteenDaysBefore() {
        clock.set(LocalDateTime.of(2025, 1, 31, 9, 0).atZone(BANGKOK).toInstant());
        IssuedCredential issued = issued();
        fixtures.activate(issued);
        long id = issued.account().id();

        PasswordStatus fresh = passwords.status(id);
        assertThat(fresh.expiresAt()).isEqualTo(LocalDateTime.of(2025, 4, 30, 9, 0).atZone(BANGKOK).toInstant());
        assertThat(fresh.mustChange()).isFalse();
        assertThat(fresh.warn()).isFalse();

        clock.set(LocalDateTime.of(2025, 4, 20, 9, 0).atZone(BANGKOK).toInstant());
        assertThat(passwords.status(id).warn()).isTrue();
        assertThat(passwords.status(id).daysLeft()).isEqualTo(10);

        clock.set(LocalDateTime.of(2025, 4, 30, 9, 0).atZone(BANGKOK).toInstant());
        assertThat(passwords.status(id).mustChange()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(passwords.change(id, Fixtures.GOOD_PASSWORD, "a fresh pomelo for april"))
                .isInstanceOf(PasswordChange.Changed.class);
        assertThat(passwords.status(id).mustChange()).isFalse();
    }

    @Test
    @Tag("R11")
    void aRegistrarCanRequireAChangeAtNextUse() {
        IssuedCredential issued = issued();
        fixtures.activate(issued);

        passwords.requireChange(issued.account().id(), "R11 test", org.khlang.shared.Actor.SYSTEM);

        assertThat(passwords.status(issued.account().id()).mustChange()).isTrue();
    }

    private java.util.List<String> reasons(long id, String current, String proposed) {
        PasswordChange change = passwords.change(id, current, proposed);
        assertThat(change).isInstanceOf(PasswordChange.Refused.class);
        return ((PasswordChange.Refused) change).reasons();
    }

    private IssuedCredential issued() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("35"));
        return fixtures.issue(registrar, fixtures.localAgency("35"));
    }
}
