package org.khlang.disbursement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.calendar.BusinessDays;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Receipts and remittances under the regulation's limits, on the days around Chakri Day 2569: Thursday 2 April 2026,
 * then a weekend and the Monday holiday of 6 April.
 */
@IntegrationTest
@Tag("R13")
class ReceiptIntegrationTests {

    static final Instant THURSDAY_10AM = OffsetDateTime.of(2026, 4, 2, 10, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant();
    static final LocalDate THURSDAY = LocalDate.of(2026, 4, 2);

    @Autowired
    Receipts receipts;

    @Autowired
    MoneyFixtures money;

    @Autowired
    MutableClock clock;

    @Autowired
    Ledger ledger;

    @Autowired
    BusinessDays businessDays;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void officeOnAThursdayBeforeAMondayHoliday() {
        clock.set(THURSDAY_10AM);
        office = money.office("46", URI.create("http://localhost:" + port), "1000.00");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Receipt receive(LocalDate day, ReceiptMethod method, String amount) {
        return receipts.issue(office.agency().id(), new NewReceipt(day, "นายสมศักดิ์ ชำระดี", "ค่าธรรมเนียมใบอนุญาต",
                method, new BigDecimal(amount)), office.recorder().actor());
    }

    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Bangkok")).toInstant();
    }

    @Test
    void businessDaysSkipWeekendsAndHolidays() {
        assertThat(businessDays.plus(THURSDAY, 3)).isEqualTo(LocalDate.of(2026, 4, 8));
        assertThat(businessDays.next(LocalDate.of(2026, 4, 3))).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(businessDays.isBusinessDay(LocalDate.of(2026, 4, 13))).isFalse();
        assertThat(businessDays.lastOfMonth(java.time.YearMonth.of(2026, 5))).isEqualTo(LocalDate.of(2026, 5, 29));
    }

    @Test
    void receiptsAreNumberedInOrderAndPostedToCashOrBank() {
        Receipt first = receive(THURSDAY, ReceiptMethod.CASH, "1500.00");
        Receipt second = receive(THURSDAY, ReceiptMethod.TRANSFER, "250.75");

        assertThat(first.number()).isEqualTo("RC-2569-000001");
        assertThat(second.number()).isEqualTo("RC-2569-000002");
        assertThat(first.displayNumber()).isEqualTo("นส01-2569-000001");
        assertThat(receipts.cashOnHand(office.agency().id(), THURSDAY)).isEqualByComparingTo("1500.00");
        TrialBalance balance = ledger.trialBalance(office.agency().id(), THURSDAY);
        assertThat(balance.balanced()).isTrue();
        assertThat(balance.rows()).filteredOn(row -> row.account().code().equals("2116010104")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("1750.75"));
    }

    @Test
    void cashOverTenThousandOnADayIsDueWithinThreeBusinessDaysAcrossTheWeekendAndHoliday() {
        receive(THURSDAY, ReceiptMethod.CASH, "6000.00");
        Receipt tipping = receive(THURSDAY, ReceiptMethod.CASH, "4000.01");

        Receipt due = receipts.find(tipping.id()).orElseThrow();
        assertThat(due.rule()).isEqualTo(Receipt.Rule.CASH_OVER_LIMIT);
        assertThat(due.deadline()).isEqualTo(endOf(LocalDate.of(2026, 4, 8)));
        assertThat(due.status()).isEqualTo(Receipt.Status.DUE);

        clock.set(endOf(LocalDate.of(2026, 4, 8)).plusSeconds(1));
        assertThat(receipts.unremitted(office.agency().id())).hasSize(2)
                .allSatisfy(receipt -> assertThat(receipt.status()).isEqualTo(Receipt.Status.OVERDUE));
    }

    @Test
    void cashAtTheLimitWaitsForTheMonthEPaymentForTheNextBusinessMorning() {
        Receipt cash = receive(THURSDAY, ReceiptMethod.CASH, "10000.00");
        clock.set(THURSDAY_10AM.plus(Duration.ofDays(1)));
        Receipt epayment = receive(LocalDate.of(2026, 4, 3), ReceiptMethod.EPAYMENT, "99.00");
        Receipt transfer = receive(LocalDate.of(2026, 4, 3), ReceiptMethod.TRANSFER, "99.00");

        assertThat(receipts.find(cash.id()).orElseThrow().rule()).isEqualTo(Receipt.Rule.MONTHLY);
        assertThat(receipts.find(cash.id()).orElseThrow().deadline()).isEqualTo(endOf(LocalDate.of(2026, 4, 30)));
        assertThat(epayment.rule()).isEqualTo(Receipt.Rule.EPAYMENT_NEXT_DAY);
        assertThat(epayment.deadline()).isEqualTo(OffsetDateTime.of(2026, 4, 7, 10, 0, 0, 0, ZoneOffset.ofHours(7))
                .toInstant());
        assertThat(transfer.rule()).isEqualTo(Receipt.Rule.MONTHLY);
    }

    @Test
    @Tag("R6")
    void aRemittanceIsApprovedOnThePhoneByAnotherPersonAndEmptiesCashAndBank() {
        Receipt cash = receive(THURSDAY, ReceiptMethod.CASH, "12000.00");
        Receipt epay = receive(THURSDAY, ReceiptMethod.EPAYMENT, "300.00");
        Remittance prepared = receipts.prepare(office.agency().id(), List.of(cash.id(), epay.id()),
                office.recorder().actor());
        assertThat(prepared.number()).isEqualTo("RM-2569-000001");
        assertThat(prepared.cashTotal()).isEqualByComparingTo("12000.00");
        assertThat(prepared.bankTotal()).isEqualByComparingTo("300.00");
        assertThatThrownBy(() -> receipts.prepare(office.agency().id(), List.of(cash.id()), office.recorder().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("remittance.receipt"));

        money.fixtures().grantMigrated(office.recorder().accountId(), Right.PAYMENT_APPROVER, office.agency());
        assertThatThrownBy(() -> receipts.askApproval(prepared.id(), office.recorder().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("withdrawal.sod.recorder"));

        clock.set(THURSDAY_10AM.plus(Duration.ofHours(4)));
        SigningRequest request = receipts.askApproval(prepared.id(), office.approver2().actor());
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), request.confirmationId());
        Remittance remitted = receipts.approve(prepared.id(), request.confirmationId(), office.approver2().actor());

        assertThat(remitted.state()).isEqualTo(Remittance.State.REMITTED);
        assertThat(receipts.find(cash.id()).orElseThrow().status()).isEqualTo(Receipt.Status.ON_TIME);
        assertThat(receipts.find(epay.id()).orElseThrow().status()).isEqualTo(Receipt.Status.ON_TIME);
        assertThat(receipts.cashOnHand(office.agency().id(), THURSDAY)).isEqualByComparingTo("0");
        assertThat(receipts.unremitted(office.agency().id())).isEmpty();
        TrialBalance balance = ledger.trialBalance(office.agency().id(), THURSDAY);
        assertThat(balance.balanced()).isTrue();
        assertThat(balance.rows()).allSatisfy(row -> assertThat(row.balance()).isEqualByComparingTo("0"));
        assertThatThrownBy(() -> receipts.cancel(cash.id(), "ผิด", office.recorder().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("receipt.notCancellable"));
    }

    @Test
    void aRemittanceAfterTheDeadlineIsFlaggedLateAndACancelledReceiptLeavesNothingToRemit() {
        Receipt epay = receive(THURSDAY, ReceiptMethod.EPAYMENT, "500.00");
        Receipt wrong = receive(THURSDAY, ReceiptMethod.CASH, "70.00");
        Receipt cancelled = receipts.cancel(wrong.id(), "พิมพ์จำนวนผิด", office.recorder().actor());
        assertThat(cancelled.status()).isEqualTo(Receipt.Status.CANCELLED);
        assertThat(receipts.cashOnHand(office.agency().id(), THURSDAY)).isEqualByComparingTo("0");

        clock.set(OffsetDateTime.of(2026, 4, 3, 10, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());
        Remittance prepared = receipts.prepare(office.agency().id(), List.of(epay.id()), office.recorder().actor());
        SigningRequest request = receipts.askApproval(prepared.id(), office.approver2().actor());
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), request.confirmationId());
        receipts.approve(prepared.id(), request.confirmationId(), office.approver2().actor());

        assertThat(receipts.find(epay.id()).orElseThrow().status()).isEqualTo(Receipt.Status.LATE);
        assertThat(ledger.trialBalance(office.agency().id(), LocalDate.of(2026, 4, 3)).balanced()).isTrue();
    }

    @Test
    void concurrentReceiptsTakeConsecutiveNumbersWithoutGaps() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> receive(THURSDAY, ReceiptMethod.TRANSFER, "10.00").number());
        }
        List<String> numbers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<String> number : pool.invokeAll(tasks)) {
                numbers.add(number.get());
            }
        }
        assertThat(numbers.stream().sorted().toList()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(n -> "RC-2569-%06d".formatted(n)).toList());
    }
}
