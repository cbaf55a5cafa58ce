package org.khlang.risk;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.calendar.ThaiDates;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BankChange;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.CitizenId;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every fraud rule on PostgreSQL, through the real approvals: a planted pattern that it finds, and a near miss that it
 * lets pass. The office is set up on a Monday in November and the approvals given on a Wednesday in January at 10:00,
 * so that no phone is new and no hour odd unless a test makes it so.
 */
@IntegrationTest
class RiskIntegrationTests {

    /** Monday 2 November 2026, 09:00 in Bangkok: rights and phones from then on. */
    static final Instant SET_UP = LocalDateTime.of(2026, 11, 2, 9, 0).atZone(ThaiDates.BANGKOK).toInstant();
    /** Wednesday 13 January 2027, 10:00 in Bangkok. */
    static final Instant WEDNESDAY = LocalDateTime.of(2027, 1, 13, 10, 0).atZone(ThaiDates.BANGKOK).toInstant();

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    Payees payees;

    @Autowired
    RiskChecks risk;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    org.khlang.calendar.BusinessDays businessDays;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        clock.set(SET_UP);
        office = money.office("57", URI.create("http://localhost:" + port), "9000000.00");
        clock.set(WEDNESDAY);
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    Withdrawal record(Payee payee, String amount, String invoice) {
        return withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                "ค่าวัสดุ", List.of(new NewWithdrawal.Line(office.budget().id(), null, "วัสดุ", invoice,
                        new BigDecimal(amount)))), office.recorder().actor());
    }

    Withdrawal approved1(Payee payee, String amount, String invoice) {
        return money.approved1(office, record(payee, amount, invoice));
    }

    List<RiskRule> found(Withdrawal withdrawal) {
        return risk.forDocument(withdrawal.id()).stream().map(RiskFinding::rule).toList();
    }

    static String invoice() {
        return "IV-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    Payee payee(PayeeKind kind, String name, String bank, String account) {
        String twelve = "0105" + String.format("%08d",
                java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        String taxId = kind == PayeeKind.OFFICER ? org.khlang.support.Fixtures.citizenId().value()
                : twelve + CitizenId.checkDigit(twelve);
        return payees.register(office.agency().id(), new NewPayee(kind, name, taxId,
                new BankAccount(bank, account, name)), office.recorder().actor());
    }

    @Test
    void aBankAccountChangedTenDaysBeforeHoldsApprovalTwoAndOneChangedFortyDaysBeforeDoesNot() {
        Payee changed = payee(PayeeKind.FIRM, "หจก. เปลี่ยนบัญชี", "014", "4056000001");
        Payee longAgo = payee(PayeeKind.FIRM, "หจก. เปลี่ยนนานแล้ว", "014", "4056000002");
        clock.set(WEDNESDAY.minus(Duration.ofDays(40)));
        BankChange old = payees.requestBankChange(longAgo.id(), new BankAccount("014", "4056000022", "หจก."),
                "ย้ายธนาคาร", office.recorder().actor());
        payees.decideBankChange(old.id(), true, office.approver1().actor());
        clock.set(WEDNESDAY.minus(Duration.ofDays(10)));
        BankChange recent = payees.requestBankChange(changed.id(), new BankAccount("014", "4056000011", "หจก."),
                "ผู้รับเงินแจ้งเปลี่ยนบัญชี", office.recorder().actor());
        payees.decideBankChange(recent.id(), true, office.approver1().actor());
        clock.set(WEDNESDAY);

        Withdrawal held = approved1(changed, "5210.00", invoice());
        Withdrawal clear = approved1(longAgo, "5220.00", invoice());
        assertThat(found(held)).containsExactly(RiskRule.BANK_ACCOUNT_CHANGED);
        RiskFinding finding = risk.forDocument(held.id()).getFirst();
        assertThat(finding.hold()).isTrue();
        assertThat(finding.stage()).isEqualTo(1);
        assertThat(finding.reasonTh()).contains("3 มกราคม 2570").contains("(10 วันก่อน)").contains("x0011");
        assertThat(finding.evidence()).contains("\"bankChange\":" + recent.id());
        assertThat(found(clear)).isEmpty();

        // approval 2 is refused while the hold stands, and the refusal leaves the hold recorded
        assertThatThrownBy(() -> withdrawals.askApproval2(List.of(held.id()), office.approver2().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo("withdrawal.risk.held");
                    assertThat(problem.arguments()[0]).isEqualTo(held.displayNumber());
                });
        assertThat(risk.openHolds(List.of(held.id()))).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'risk.hold.raised'"
                + " and target = ?", Integer.class, "withdrawal:" + held.id())).isEqualTo(1);
        assertThat(money.approved2(office, List.of(clear.id())).itemCount()).isEqualTo(1);
    }

    @Test
    void oneAccountBehindTwoFirmsFlagsBehindAStaffMemberHoldsAndTheSameNumberAtAnotherBankIsClear() {
        Payee first = payee(PayeeKind.FIRM, "ร้านรุ่งเรือง", "030", "020098765432");
        payee(PayeeKind.FIRM, "ร้านเจริญ", "030", "020098765432");
        Payee staffFirm = payee(PayeeKind.FIRM, "ร้านสมศรี", "004", "1112223334");
        payee(PayeeKind.OFFICER, "นางสมศรี มีสุข", "004", "1112223334");
        Payee otherBank = payee(PayeeKind.FIRM, "ร้านต่างธนาคาร", "034", "020098765432");

        Withdrawal flagged = approved1(first, "3100.00", invoice());
        Withdrawal held = approved1(staffFirm, "3200.00", invoice());
        Withdrawal clear = approved1(otherBank, "3300.00", invoice());
        assertThat(risk.forDocument(flagged.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.SHARED_BANK_ACCOUNT);
            assertThat(finding.hold()).isFalse();
            assertThat(finding.reasonTh()).contains("ร้านเจริญ");
        });
        assertThat(risk.forDocument(held.id())).singleElement().satisfies(finding -> {
            assertThat(finding.hold()).isTrue();
            assertThat(finding.reasonTh()).contains("เจ้าหน้าที่");
            assertThat(finding.evidence()).contains("\"staff\":true");
        });
        assertThat(found(clear)).isEmpty();
    }

    @Test
    void theSameInvoiceTwiceHoldsBothDocumentsAndTheSameAmountEightDaysApartDoesNot() {
        Withdrawal first = approved1(office.payee(), "1875.00", "IV-2570/0042");
        assertThat(found(first)).isEmpty();
        Withdrawal second = approved1(office.payee(), "2460.00", "iv-2570/0042 ");
        assertThat(risk.forDocument(second.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.DUPLICATE_INVOICE);
            assertThat(finding.hold()).isTrue();
            assertThat(finding.reasonTh()).contains(first.displayNumber());
        });
        // the first document is held as well once its approval 2 is asked
        assertThatThrownBy(() -> withdrawals.askApproval2(List.of(first.id()), office.approver2().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("withdrawal.risk.held"));
        assertThat(found(first)).containsExactly(RiskRule.DUPLICATE_INVOICE);

        Payee other = payee(PayeeKind.FIRM, "บจก. จ่ายประจำ", "006", "3012345678");
        clock.set(WEDNESDAY.minus(Duration.ofDays(8)));
        Withdrawal early = record(other, "1500.00", invoice());
        clock.set(WEDNESDAY);
        Withdrawal late = approved1(other, "1500.00", invoice());
        assertThat(found(late)).isEmpty();
        Withdrawal sameWeek = approved1(other, "1500.00", invoice());
        assertThat(risk.forDocument(sameWeek.id())).extracting(RiskFinding::rule)
                .containsExactly(RiskRule.DUPLICATE_INVOICE);
        assertThat(risk.forDocument(sameWeek.id()).getFirst().evidence()).contains("\"otherDocument\":" + late.id())
                .doesNotContain("\"otherDocument\":" + early.id());
    }

    @Test
    void threeDocumentsJustUnderTheLimitFlagTheSplitAndTwoThatStayUnderItDoNot() {
        Payee split = payee(PayeeKind.FIRM, "บจก. แบ่งซื้อ", "006", "3019990001");
        approved1(split, "98000.00", invoice());
        approved1(split, "99900.00", invoice());
        Withdrawal third = approved1(split, "99500.00", invoice());
        assertThat(risk.forDocument(third.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.SPLIT_PAYMENT);
            assertThat(finding.hold()).isFalse();
            assertThat(finding.evidence()).contains("\"sum\":\"297400.00\"");
        });

        Payee honest = payee(PayeeKind.FIRM, "บจก. ซื้อตามจริง", "006", "3019990002");
        approved1(honest, "40000.00", invoice());
        Withdrawal under = approved1(honest, "55000.00", invoice());
        assertThat(found(under)).isEmpty();
    }

    @Test
    void farAboveThePayeesHistoryOrARoundAmountIsUnusualAndItsUsualRangeIsNot() {
        Payee regular = payee(PayeeKind.FIRM, "ร้านน้ำดื่ม", "006", "3018880001");
        for (String amount : List.of("1000.00", "1200.00", "900.00", "1100.00")) {
            Withdrawal paid = record(regular, amount, invoice());
            jdbc.update("update withdrawal set state = 'PAID' where id = ?", paid.id()); // the planted history
        }
        Withdrawal usual = approved1(regular, "5240.00", invoice());
        assertThat(found(usual)).isEmpty();
        Withdrawal unusual = approved1(regular, "5260.00", invoice());
        assertThat(risk.forDocument(unusual.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.UNUSUAL_AMOUNT);
            assertThat(finding.evidence()).contains("\"median\":\"1050.00\"");
        });

        Payee builder = payee(PayeeKind.FIRM, "หจก. ก่อสร้าง", "006", "3018880002");
        assertThat(found(approved1(builder, "230000.00", invoice()))).containsExactly(RiskRule.UNUSUAL_AMOUNT);
        assertThat(found(approved1(builder, "230417.35", invoice()))).isEmpty();
    }

    @Test
    void anApprovalAtNightOrOnASaturdayIsFlaggedAndOneMinuteBeforeClosingIsNot() {
        Withdrawal night = record(office.payee(), "1011.00", invoice());
        clock.set(LocalDateTime.of(2027, 1, 13, 22, 10).atZone(ThaiDates.BANGKOK).toInstant());
        money.approved1(office, night);
        assertThat(risk.forDocument(night.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.ODD_HOUR);
            assertThat(finding.reasonTh()).contains("22:10");
            assertThat(finding.accountId()).isEqualTo(office.approver1().accountId());
        });
        Withdrawal saturday = record(office.payee(), "1022.00", invoice());
        clock.set(LocalDateTime.of(2027, 1, 16, 10, 0).atZone(ThaiDates.BANGKOK).toInstant());
        money.approved1(office, saturday);
        assertThat(risk.forDocument(saturday.id())).singleElement()
                .satisfies(finding -> assertThat(finding.reasonTh()).contains("วันหยุด"));
        clock.set(LocalDateTime.of(2027, 1, 18, 16, 29).atZone(ThaiDates.BANGKOK).toInstant());
        Withdrawal closing = record(office.payee(), "1033.00", invoice());
        money.approved1(office, closing);
        assertThat(found(closing)).isEmpty();
        // a holiday the cabinet announced (calendar), on a Tuesday
        java.time.LocalDate holiday = java.time.LocalDate.of(2027, 1, 19);
        businessDays.add(holiday, "วันหยุดพิเศษ (ทดสอบ)", "Special holiday (test)", money.fixtures().admin().actor());
        try {
            Withdrawal onHoliday = record(office.payee(), "1029.00", invoice());
            clock.set(holiday.atTime(10, 0).atZone(ThaiDates.BANGKOK).toInstant());
            money.approved1(office, onHoliday);
            assertThat(risk.forDocument(onHoliday.id())).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo(RiskRule.ODD_HOUR);
                assertThat(finding.evidence()).contains("\"businessDay\":false");
            });
        } finally {
            businessDays.remove(holiday, money.fixtures().admin().actor());
        }
    }

    @Test
    void aPhoneBoundThisMorningOrTheFirstApprovalAfterALostPhoneIsFlaggedAndThePhoneOfTwoMonthsAgoIsNot() {
        // approver 1 lost a phone; the registrar approved the replacement bound then: its first approval is
        // flagged, its second is not
        long approver = office.approver1().accountId();
        jdbc.update("insert into lost_device_report (account_id, agency_id, loss_date, reported_at, channel,"
                        + " reported_by, letter_due, replacement_approved_at, replacement_approved_by)"
                        + " values (?, ?, ?, ?, 'SELF', ?, ?, ?, ?)", approver, office.agency().id(),
                java.time.LocalDate.of(2026, 10, 30), OffsetDateTime.ofInstant(SET_UP.minus(Duration.ofDays(3)),
                        ZoneOffset.UTC), approver, java.time.LocalDate.of(2026, 11, 4),
                OffsetDateTime.ofInstant(SET_UP, ZoneOffset.UTC), office.registrar().accountId());
        Withdrawal first = approved1(office.payee(), "1066.00", invoice());
        assertThat(risk.forDocument(first.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.NEW_PHONE);
            assertThat(finding.reasonTh()).contains("หลังแจ้งโทรศัพท์หาย");
        });
        assertThat(found(approved1(office.payee(), "1077.00", invoice()))).isEmpty();

        tokens.openWindow(office.agency(), office.registrar());
        MoneyFixtures.Person fresh = money.person(office.registrar(), office.agency(), Right.WITHDRAWAL_APPROVER,
                URI.create("http://localhost:" + port));
        Withdrawal fromFresh = record(office.payee(), "1044.00", invoice());
        SigningRequest request = withdrawals.askApproval1(fromFresh.id(), fresh.actor());
        SoftTokenFixtures.approveOnPhone(fresh.phone(), request.confirmationId());
        withdrawals.approve1(fromFresh.id(), request.confirmationId(), fresh.actor());
        assertThat(risk.forDocument(fromFresh.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.NEW_PHONE);
            assertThat(finding.accountId()).isEqualTo(fresh.accountId());
        });
    }

    @Test
    void threeRefusedPushesOrASignInFromANewNetworkFlagTheApprovalAndAKnownNetworkDoesNot() {
        long approver = office.approver1().accountId();
        signIn(approver, "203.0.113.20", WEDNESDAY.minus(Duration.ofDays(20)));
        signIn(approver, "203.0.113.45", WEDNESDAY.minus(Duration.ofMinutes(30)));
        Withdrawal known = approved1(office.payee(), "1088.00", invoice());
        assertThat(found(known)).isEmpty();

        signIn(approver, "198.51.100.9", WEDNESDAY.minus(Duration.ofMinutes(10)));
        Withdrawal newNetwork = approved1(office.payee(), "1099.00", invoice());
        assertThat(risk.forDocument(newNetwork.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.SIGN_IN_ANOMALY);
            assertThat(finding.reasonTh()).contains("198.51.100.0/24");
        });

        signIn(approver, "198.51.100.9", WEDNESDAY.minus(Duration.ofMinutes(8))); // known from now on
        long payer = office.approver2().accountId();
        for (int i = 1; i <= 2; i++) {
            refusedPush(payer, WEDNESDAY.minus(Duration.ofHours(i)));
        }
        Withdrawal two = approved1(office.payee(), "1111.00", invoice());
        assertThat(money.approved2(office, List.of(two.id())).itemCount()).isEqualTo(1);
        assertThat(found(two)).isEmpty();
        refusedPush(payer, WEDNESDAY.minus(Duration.ofMinutes(5)));
        Withdrawal three = approved1(office.payee(), "1122.00", invoice());
        money.approved2(office, List.of(three.id()));
        assertThat(risk.forDocument(three.id())).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(RiskRule.SIGN_IN_ANOMALY);
            assertThat(finding.stage()).isEqualTo(2);
            assertThat(finding.evidence()).contains("\"refused\":3");
        });
    }

    @Test
    void aHoldIsReleasedOnlyByTheAgencyHeadAsAThirdPersonOnTheirOwnPhoneAndThenApprovalTwoGoesAhead() {
        URI server = URI.create("http://localhost:" + port);
        tokens.openWindow(office.agency(), office.registrar());
        MoneyFixtures.Person head = money.person(office.registrar(), office.agency(), Right.AGENCY_HEAD, server);
        Withdrawal first = approved1(office.payee(), "2100.00", "IV-77");
        Withdrawal second = approved1(office.payee(), "2200.00", "IV-77");
        RiskFinding hold = risk.openHolds(List.of(second.id())).getFirst();
        String note = "โทรสอบถามผู้รับเงินแล้ว ใบแจ้งหนี้ฉบับที่สองเป็นงวดที่ 2";

        refused(() -> risk.askRelease(hold.id(), note, office.approver1().actor()), "risk.release.head");
        refused(() -> risk.askRelease(hold.id(), "ตรวจแล้ว", head.actor()), "risk.release.note");
        // a head who also recorded the document is not a third person
        money.fixtures().grantMigrated(office.recorder().accountId(), Right.AGENCY_HEAD, office.agency());
        refused(() -> risk.askRelease(hold.id(), note, office.recorder().actor()), "risk.release.thirdPerson");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'risk.refused'"
                + " and target = ?", Integer.class, "risk:" + hold.id())).isEqualTo(2);

        String confirmation = risk.askRelease(hold.id(), note, head.actor());
        refused(() -> risk.release(hold.id(), confirmation, note, head.actor()), "withdrawal.confirmation.missing");
        SoftTokenFixtures.approveOnPhone(head.phone(), confirmation);
        // the phone signed this note and no other
        refused(() -> risk.release(hold.id(), confirmation, note + " แก้ไข", head.actor()),
                "withdrawal.confirmation.missing");
        RiskFinding released = risk.release(hold.id(), confirmation, note, head.actor());
        assertThat(released.open()).isFalse();
        assertThat(released.releasedBy()).isEqualTo(head.accountId());
        assertThat(released.releaseNote()).isEqualTo(note);
        assertThat(jdbc.queryForObject("select release_signed from risk_finding where id = ?", String.class,
                hold.id())).startsWith("ey");
        refused(() -> risk.askRelease(hold.id(), note, head.actor()), "risk.release.notOpen");

        assertThat(money.approved2(office, List.of(second.id())).itemCount()).isEqualTo(1);
        // the first document's own hold (raised when its approval 2 is asked) still stands
        refused(() -> withdrawals.askApproval2(List.of(first.id()), office.approver2().actor()),
                "withdrawal.risk.held");
        assertThat(risk.inbox(office.agency().id(), true, 0).items()).extracting(RiskFinding::withdrawalId)
                .containsExactly(first.id());
        assertThat(risk.summary(List.of(office.agency().id()))).singleElement().satisfies(summary -> {
            assertThat(summary.holds()).isEqualTo(2);
            assertThat(summary.openHolds()).isEqualTo(1);
        });
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    /** A sign-in the phone confirmed from this address (a LOGIN request consumed), planted at that time. */
    void signIn(long accountId, String ip, Instant at) {
        jdbc.update("insert into approval_request (id, account_id, kind, nonce, display, state, created_at,"
                        + " expires_at, decided_at, outcome) values (?, ?, 'LOGIN', 'n', ?, 'CONSUMED', ?, ?, ?,"
                        + " 'APPROVED')", java.util.UUID.randomUUID().toString(), accountId,
                "{\"ip\":\"" + ip + "\",\"th\":\"เข้าสู่ระบบคลัง\"}", OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(at.plusSeconds(120), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(at.plusSeconds(10), ZoneOffset.UTC));
    }

    /** A push the person denied, planted at that time. */
    void refusedPush(long accountId, Instant at) {
        jdbc.update("insert into approval_request (id, account_id, kind, nonce, display, state, created_at,"
                        + " expires_at, decided_at, outcome) values (?, ?, 'LOGIN', 'n', '{}', 'DENIED', ?, ?, ?,"
                        + " 'DENIED_BY_PERSON')", java.util.UUID.randomUUID().toString(), accountId,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), OffsetDateTime.ofInstant(at.plusSeconds(120),
                        ZoneOffset.UTC), OffsetDateTime.ofInstant(at.plusSeconds(5), ZoneOffset.UTC));
    }
}
