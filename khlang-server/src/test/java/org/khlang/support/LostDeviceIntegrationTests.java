package org.khlang.support;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.softtoken.ApprovalRequest;
import org.khlang.softtoken.LoginStart;
import org.khlang.softtoken.RequestState;
import org.khlang.softtoken.SoftTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R12 on Thursday 2 April 2026, before a weekend and the Monday holiday of Chakri Day (6 April). */
@IntegrationTest
@Tag("R12")
class LostDeviceIntegrationTests {

    static final Instant THURSDAY = OffsetDateTime.of(2026, 4, 2, 9, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant();
    static final LocalDate LOSS = LocalDate.of(2026, 4, 2);

    @Autowired
    LostDevices lost;

    @Autowired
    SoftTokens softTokens;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Notices notices;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    SoftTokenFixtures.Enrolled enrolled;
    KhlangUser head;

    @BeforeEach
    void enrolledPersonOnAThursday() {
        clock.set(THURSDAY);
        enrolled = tokens.enrolled("48", URI.create("http://localhost:" + port));
        head = fixtures.head(enrolled.person().registrar(), enrolled.person().agency());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    long accountId() {
        return enrolled.person().accountId();
    }

    @Test
    void theHolderReportsWithoutThePhoneAndTheSuspensionTakesEffectAtOnce() {
        ApprovalRequest pending = softTokens.requestApproval(accountId(), "ทดสอบ", "test", Map.of(), "a".repeat(64));

        LostDeviceReport report = lost.reportBySelf(enrolled.person().username(), Fixtures.GOOD_PASSWORD, LOSS)
                .orElseThrow();

        assertThat(report.channel()).isEqualTo(LostDeviceReport.Channel.SELF);
        assertThat(softTokens.activeDevice(accountId())).isEmpty();
        assertThat(softTokens.approvalState(pending.id(), accountId())).isEqualTo(RequestState.CANCELLED);
        assertThat(softTokens.startLogin(
                new org.khlang.softtoken.TokenHolder(accountId(), enrolled.person().username(), "ทดสอบ", null),
                new org.khlang.softtoken.BrowserInfo("127.0.0.1", "test")))
                .isInstanceOf(LoginStart.NoDevice.class);
        assertThat(notices.unread(head.accountId())).anySatisfy(notice -> {
            assertThat(notice.kind()).isEqualTo("LOST_DEVICE");
            assertThat(notice.messageTh()).contains("8 เมษายน 2569");
        });
    }

    @Test
    void aWrongPasswordOrUnknownUserChangesNothingAndLooksTheSame() {
        assertThat(lost.reportBySelf(enrolled.person().username(), "wrong password 123", LOSS)).isEmpty();
        assertThat(lost.reportBySelf("nobody.at.all", "wrong password 123", LOSS)).isEmpty();
        assertThat(softTokens.activeDevice(accountId())).isPresent();
        assertThatThrownBy(() -> lost.reportBySelf(enrolled.person().username(), Fixtures.GOOD_PASSWORD,
                LOSS.plusDays(1))).isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("lost.lossDate"));
    }

    @Test
    void theLettersDeadlineCountsBusinessDaysAcrossTheWeekendAndHolidayAndAnOverdueLetterIsFlagged() {
        KhlangUser helpdesk = fixtures.helpdesk();
        LostDeviceReport report = lost.reportByHelpdesk(accountId(), LOSS, "ผู้ใช้โทรแจ้งทำโทรศัพท์หายที่ตลาด",
                helpdesk.actor());

        assertThat(report.letterDue()).isEqualTo(LocalDate.of(2026, 4, 8));
        assertThat(report.status()).isEqualTo(LostDeviceReport.Status.LETTER_DUE);
        assertThat(lost.flagged()).extracting(LostDeviceReport::id).doesNotContain(report.id());

        clock.set(OffsetDateTime.of(2026, 4, 8, 23, 59, 0, 0, ZoneOffset.ofHours(7)).toInstant());
        assertThat(lost.find(report.id()).orElseThrow().status()).isEqualTo(LostDeviceReport.Status.LETTER_DUE);
        clock.set(OffsetDateTime.of(2026, 4, 9, 0, 1, 0, 0, ZoneOffset.ofHours(7)).toInstant());
        assertThat(lost.find(report.id()).orElseThrow().status()).isEqualTo(LostDeviceReport.Status.LETTER_OVERDUE);
        assertThat(lost.flagged()).extracting(LostDeviceReport::id).contains(report.id());

        LostDeviceReport filed = lost.fileLetter(report.id(), "หนังสือแจ้ง.pdf", Fixtures.SAMPLE_PDF, head.actor());
        assertThat(filed.status()).isEqualTo(LostDeviceReport.Status.LETTER_FILED);
        assertThat(filed.filedLate()).isTrue();
        assertThat(lost.flagged()).extracting(LostDeviceReport::id).contains(report.id());
    }

    @Test
    void onlyTheHelpdeskTakesCallsAndOnlyTheHeadFilesALetter() {
        assertThatThrownBy(() -> lost.reportByHelpdesk(accountId(), LOSS, "note", head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("forbidden"));
        LostDeviceReport report = lost.reportByHelpdesk(accountId(), LOSS, "note", fixtures.helpdesk().actor());
        assertThatThrownBy(() -> lost.fileLetter(report.id(), "x.pdf", Fixtures.SAMPLE_PDF,
                new Actor(accountId(), enrolled.person().username())))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> lost.fileLetter(report.id(), "x.pdf", "not a pdf".getBytes(), head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("lost.letter.notPdf"));
    }

    @Test
    void aNewPhoneNeedsNewProofingAndTheRegistrarsApproval() {
        LostDeviceReport report = lost.reportBySelf(enrolled.person().username(), Fixtures.GOOD_PASSWORD, LOSS)
                .orElseThrow();
        Actor self = new Actor(accountId(), enrolled.person().username());
        KhlangUser registrar = enrolled.person().registrar();

        assertThatThrownBy(() -> softTokens.issueActivationCode(accountId(), self))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("softtoken.proofing.required"));
        clock.set(THURSDAY.plusSeconds(600));
        tokens.proven(enrolled.person());
        assertThatThrownBy(() -> softTokens.issueActivationCode(accountId(), self))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("lost.replacement.notApproved"));
        assertThatThrownBy(() -> lost.approveReplacement(report.id(), registrar.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("lost.letter.notAccepted"));

        lost.fileLetter(report.id(), "letter.pdf", Fixtures.SAMPLE_PDF, head.actor());
        lost.acceptLetter(report.id(), registrar.actor());
        LostDeviceReport approved = lost.approveReplacement(report.id(), registrar.actor());

        assertThat(approved.status()).isEqualTo(LostDeviceReport.Status.LETTER_ACCEPTED);
        assertThat(softTokens.issueActivationCode(accountId(), self).code()).isNotBlank();
    }
}
