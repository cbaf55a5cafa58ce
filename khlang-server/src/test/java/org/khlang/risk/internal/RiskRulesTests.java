package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSubject;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules as plain Java over planted facts: each finds its pattern and lets the near miss pass. */
class RiskRulesTests {

    static final RiskProperties SETTINGS = RiskProperties.defaults();
    /** Tuesday 8 December 2026, 10:00 in Bangkok. */
    static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
    static final long PAYEE = 7;

    static RiskSubject document(long id, String amount, String... invoices) {
        return new RiskSubject(id, 1, "ขบ02-2570-" + id, PAYEE, new BigDecimal(amount), List.of(invoices),
                NOW.minus(Duration.ofHours(1)));
    }

    static Facts.OtherDocument other(long id, String amount, Instant recordedAt, String invoice) {
        return new Facts.OtherDocument(id, "ขบ02-2570-" + id, new BigDecimal(amount), recordedAt, "RECORDED", invoice);
    }

    static Facts.Documents facts(Map<Long, List<Facts.BankChange>> changes, Map<Long, List<Facts.SharedAccount>> shared,
                                 Map<Long, List<Facts.OtherDocument>> invoice, Map<Long, List<Facts.OtherDocument>> amount,
                                 Map<Long, List<Facts.OtherDocument>> near, Map<Long, List<BigDecimal>> history) {
        return new Facts.Documents(changes, shared, invoice, amount, near, history);
    }

    static Facts.Approver approver(Instant now, Instant bound, Instant replaced, int approvals, List<Instant> refused,
                                   String network, List<String> known) {
        return new Facts.Approver(now, bound, replaced, approvals, refused, network, now.minusSeconds(600), known);
    }

    @Test
    void aBankAccountChangedTenDaysBeforeHoldsAndOneChangedFortyDaysBeforeDoesNot() {
        BankAccountChanged rule = new BankAccountChanged(SETTINGS);
        Facts.BankChange recent = new Facts.BankChange(3, NOW.minus(Duration.ofDays(10)), "006", "9988776655", 11, 13L);
        List<RiskOutcome> found = rule.check(document(1, "5000.00"), facts(Map.of(PAYEE, List.of(recent)), Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of()), NOW);
        assertThat(found).singleElement().isInstanceOfSatisfying(RiskOutcome.Hold.class, hold -> {
            assertThat(hold.rule()).isEqualTo(RiskRule.BANK_ACCOUNT_CHANGED);
            assertThat(hold.reason().th()).contains("28 พฤศจิกายน 2569").contains("x6655");
            assertThat(hold.reason().evidence()).containsEntry("bankChange", 3L).containsEntry("days", 10L);
        });
        Facts.BankChange old = new Facts.BankChange(4, NOW.minus(Duration.ofDays(31)), "006", "9988776655", 11, 13L);
        assertThat(rule.check(document(1, "5000.00"), facts(Map.of(PAYEE, List.of(old)), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of()), NOW)).isEmpty();
    }

    @Test
    void aSharedAccountFlagsAndHoldsWhenAStaffMemberHoldsIt() {
        SharedBankAccount rule = new SharedBankAccount(SETTINGS);
        Facts.SharedAccount firm = new Facts.SharedAccount(8, "ร้านสมใจ", false, "006", "1234567890");
        assertThat(rule.check(document(1, "5000.00"), facts(Map.of(), Map.of(PAYEE, List.of(firm)), Map.of(), Map.of(),
                Map.of(), Map.of()), NOW)).singleElement().isInstanceOf(RiskOutcome.Flag.class);
        Facts.SharedAccount staff = new Facts.SharedAccount(9, "นายสมชาย รักดี", true, "006", "1234567890");
        assertThat(rule.check(document(1, "5000.00"), facts(Map.of(), Map.of(PAYEE, List.of(firm, staff)), Map.of(),
                Map.of(), Map.of(), Map.of()), NOW)).singleElement().isInstanceOfSatisfying(RiskOutcome.Hold.class,
                hold -> assertThat(hold.reason().th()).contains("เจ้าหน้าที่"));
        assertThat(rule.check(document(1, "5000.00"), Facts.Documents.none(), NOW)).isEmpty();
    }

    @Test
    void theSameInvoiceOrTheSameAmountWithinSevenDaysIsADuplicateAndEightDaysApartIsNot() {
        DuplicateInvoice rule = new DuplicateInvoice(SETTINGS);
        RiskSubject document = document(2, "4815.00", "IV-2569/0042");
        Facts.OtherDocument sameInvoice = other(1, "1200.00", NOW.minus(Duration.ofDays(40)), "IV-2569/0042");
        assertThat(rule.check(document, facts(Map.of(), Map.of(), Map.of(2L, List.of(sameInvoice)), Map.of(), Map.of(),
                Map.of()), NOW)).singleElement().isInstanceOfSatisfying(RiskOutcome.Hold.class,
                hold -> assertThat(hold.reason().th()).contains("IV-2569/0042").contains("ขบ02-2570-1"));
        Facts.OtherDocument sixDays = other(3, "4815.00", document.recordedAt().minus(Duration.ofDays(6)), null);
        Facts.OtherDocument eightDays = other(4, "4815.00", document.recordedAt().minus(Duration.ofDays(8)), null);
        List<RiskOutcome> found = rule.check(document, facts(Map.of(), Map.of(), Map.of(),
                Map.of(2L, List.of(sixDays, eightDays)), Map.of(), Map.of()), NOW);
        assertThat(found).singleElement().satisfies(outcome -> assertThat(((RiskOutcome.Hold) outcome).reason()
                .evidence()).containsEntry("otherDocument", 3L));
    }

    @Test
    void threeDocumentsJustUnderTheLimitThatTogetherPassItAreASplitAndOneFarUnderIsNot() {
        SplitPayment rule = new SplitPayment(SETTINGS);
        RiskSubject document = document(5, "99500.00");
        List<Facts.OtherDocument> parts = List.of(other(3, "98000.00", NOW.minus(Duration.ofDays(3)), null),
                other(4, "99900.00", NOW.minus(Duration.ofDays(2)), null));
        assertThat(rule.check(document, facts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(PAYEE, parts), Map.of()),
                NOW)).singleElement().isInstanceOfSatisfying(RiskOutcome.Flag.class, flag -> {
                    assertThat(flag.reason().evidence()).containsEntry("sum", "297400.00")
                            .containsEntry("limit", "100000");
                    assertThat(flag.reason().th()).contains("3 ฉบับ");
                });
        // far under the limit (below the 10 % band), or older than the window: no split
        assertThat(rule.check(document(5, "85000.00"), facts(Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(PAYEE, parts), Map.of()), NOW)).isEmpty();
        List<Facts.OtherDocument> old = List.of(other(3, "98000.00", NOW.minus(Duration.ofDays(45)), null));
        assertThat(rule.check(document, facts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(PAYEE, old), Map.of()),
                NOW)).isEmpty();
    }

    @Test
    void overFiveTimesTheMedianOrARoundLargeAmountIsUnusual() {
        UnusualAmount rule = new UnusualAmount(SETTINGS);
        List<BigDecimal> history = List.of(new BigDecimal("1000.00"), new BigDecimal("1200.00"),
                new BigDecimal("900.00"), new BigDecimal("1100.00"));
        assertThat(UnusualAmount.median(history)).isEqualByComparingTo("1050.00");
        Facts.Documents facts = facts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(PAYEE, history));
        assertThat(rule.check(document(1, "5260.00"), facts, NOW)).singleElement()
                .satisfies(outcome -> assertThat(outcome.rule()).isEqualTo(RiskRule.UNUSUAL_AMOUNT));
        assertThat(rule.check(document(1, "5240.00"), facts, NOW)).isEmpty();
        // two paid documents are no history
        assertThat(rule.check(document(1, "99999.00"), facts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(PAYEE, history.subList(0, 2))), NOW)).isEmpty();
        assertThat(rule.check(document(1, "250000.00"), Facts.Documents.none(), NOW)).singleElement()
                .satisfies(outcome -> assertThat(outcome.toString()).contains("round"));
        assertThat(rule.check(document(1, "250000.50"), Facts.Documents.none(), NOW)).isEmpty();
        assertThat(rule.check(document(1, "90000.00"), Facts.Documents.none(), NOW)).isEmpty();
    }

    @Test
    void anApprovalAtNightOrOnAHolidayIsAtAnOddHour() {
        LocalDate holiday = LocalDate.of(2026, 12, 10);
        OddHour rule = new OddHour(SETTINGS, date -> !date.equals(holiday) && date.getDayOfWeek().getValue() < 6);
        assertThat(rule.check(approver(NOW, null, null, 0, List.of(), null, List.of()))).isEmpty();
        Instant night = Instant.parse("2026-12-08T15:10:00Z"); // 22:10 Bangkok
        assertThat(rule.check(approver(night, null, null, 0, List.of(), null, List.of()))).singleElement()
                .isInstanceOfSatisfying(RiskOutcome.Flag.class, flag -> assertThat(flag.reason().th())
                        .contains("นอกเวลาราชการ").contains("22:10"));
        Instant constitutionDay = Instant.parse("2026-12-10T03:00:00Z");
        assertThat(rule.check(approver(constitutionDay, null, null, 0, List.of(), null, List.of()))).singleElement()
                .isInstanceOfSatisfying(RiskOutcome.Flag.class, flag -> assertThat(flag.reason().th())
                        .contains("วันหยุด"));
        Instant closing = Instant.parse("2026-12-08T09:29:00Z"); // 16:29 Bangkok, still open
        assertThat(rule.check(approver(closing, null, null, 0, List.of(), null, List.of()))).isEmpty();
    }

    @Test
    void aPhoneBoundTodayOrTheFirstApprovalAfterALostPhoneIsNew() {
        NewPhone rule = new NewPhone(SETTINGS);
        assertThat(rule.check(approver(NOW, NOW.minus(Duration.ofHours(3)), null, 0, List.of(), null, List.of())))
                .singleElement().isInstanceOf(RiskOutcome.Flag.class);
        assertThat(rule.check(approver(NOW, NOW.minus(Duration.ofHours(25)), null, 0, List.of(), null, List.of())))
                .isEmpty();
        Instant replaced = NOW.minus(Duration.ofDays(3));
        assertThat(rule.check(approver(NOW, replaced.plus(Duration.ofHours(2)), replaced, 0, List.of(), null,
                List.of()))).singleElement().satisfies(outcome -> assertThat(outcome.toString()).contains("replaced"));
        assertThat(rule.check(approver(NOW, replaced.plus(Duration.ofHours(2)), replaced, 1, List.of(), null,
                List.of()))).isEmpty();
    }

    @Test
    void refusedPushesOrANewNetworkBeforeTheApprovalAreAnomalies() {
        SignInAnomaly rule = new SignInAnomaly(SETTINGS);
        List<Instant> three = List.of(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(5)));
        assertThat(rule.check(approver(NOW, null, null, 0, three, null, List.of()))).singleElement()
                .satisfies(outcome -> assertThat(outcome.toString()).contains("refused=3"));
        List<Instant> old = List.of(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(30)));
        assertThat(rule.check(approver(NOW, null, null, 0, old, null, List.of()))).isEmpty();
        assertThat(rule.check(approver(NOW, null, null, 0, List.of(), "198.51.100.0/24",
                List.of("203.0.113.0/24")))).singleElement()
                .satisfies(outcome -> assertThat(outcome.toString()).contains("198.51.100.0/24"));
        assertThat(rule.check(approver(NOW, null, null, 0, List.of(), "203.0.113.0/24",
                List.of("203.0.113.0/24")))).isEmpty();
        // the very first sign-in has nothing to differ from
        assertThat(rule.check(approver(NOW, null, null, 0, List.of(), "198.51.100.0/24", List.of()))).isEmpty();
    }

    @Test
    void networksAreComparedByTheirPrefixWithoutLookingUpNames() {
        assertThat(Networks.of("203.0.113.7")).isEqualTo("203.0.113.0/24");
        assertThat(Networks.of("2001:db8:85a3::8a2e:370:7334")).isEqualTo("2001:db8:85a3::/48");
        assertThat(Networks.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0::/48");
        assertThat(Networks.of("example.go.th")).isNull();
        assertThat(Networks.of("2001:db8")).isNull();
    }
}
