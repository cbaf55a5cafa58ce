package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.Payment;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.support.BankFiles;
import org.khlang.support.BankFiles.Booking;
import org.khlang.support.BankFiles.Status;

import static org.assertj.core.api.Assertions.assertThat;

class BankResultFilesTests {

    static final String MESSAGE = "KHL0000000034B17";

    final Payment first = payment(1, "W101A1", "12500.50", "006", "1234567890", Payment.State.SENT);
    final Payment second = payment(2, "W102A1", "800.00", "030", "020012345678", Payment.State.SENT);
    final Payment third = payment(3, "W103A2", "0.01", "014", "9876543210", Payment.State.SENT);
    final PaymentBatch batch = batch(first, second, third);

    static Payment payment(long id, String endToEnd, String amount, String bank, String number, Payment.State state) {
        return new Payment(id, 17, 100 + id, endToEnd, new BigDecimal(amount), new BankAccount(bank, number,
                "นายทดสอบ " + id), state, 9, null, null);
    }

    static PaymentBatch batch(Payment... payments) {
        BigDecimal total = List.of(payments).stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new PaymentBatch(17, 34, MESSAGE, payments.length, total, LocalDate.of(2026, 12, 8), "sha", 9,
                Instant.parse("2026-12-07T03:00:00Z"), List.of(payments));
    }

    static List<String> codes(BankResultMatch match) {
        return match.errors.stream().map(error -> error.code()).toList();
    }

    @Test
    void aStatusReportIsValidatedAgainstTheOfficialSchemaThenMatchedByEndToEndId() {
        byte[] file = BankFiles.pain002(MESSAGE, "PART", List.of(Status.of(first, "ACSC"),
                Status.rejected(second, "AC04"), Status.of(third, "ACSP")));
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_002, file)).isEmpty();

        BankResultMatch match = BankResultFiles.read(file, batch);

        assertThat(match.errors).isEmpty();
        assertThat(match.format).isEqualTo("pain.002.001.10");
        assertThat(match.results).extracting(result -> result.payment().endToEndId(), BankResultMatch.Result::paid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W101A1", true),
                        org.assertj.core.groups.Tuple.tuple("W102A1", false));
        assertThat(match.results.get(1).reason()).startsWith("AC04 บัญชีปิดแล้ว (ClosedAccountNumber)")
                .contains("แจ้งจากธนาคารปลายทาง");
        assertThat(match.pending).isEqualTo(1);
    }

    @Test
    void aRejectedGroupWithNoTransactionListedFailsEveryTransferOfTheBatch() {
        String report = new String(BankFiles.pain002(MESSAGE, "RJCT", List.of()), StandardCharsets.UTF_8)
                .replace("<GrpSts>RJCT</GrpSts>", "<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>AM04</Cd></Rsn>"
                        + "</StsRsnInf>");

        BankResultMatch match = BankResultFiles.read(report.getBytes(StandardCharsets.UTF_8), batch);

        assertThat(match.errors).isEmpty();
        assertThat(match.results).hasSize(3).allSatisfy(result -> {
            assertThat(result.paid()).isFalse();
            assertThat(result.reason()).startsWith("AM04");
        });
    }

    @Test
    void everyUnknownIdDuplicateAndWrongAmountIsListedAndNothingIsTaken() {
        Payment stranger = payment(9, "W999A1", "5.00", "006", "1111111111", Payment.State.SENT);
        byte[] file = BankFiles.pain002(MESSAGE, null, List.of(Status.of(first, "ACSC"), Status.of(stranger, "ACSC"),
                Status.of(first, "ACSC"), new Status(second, "ACSC", null, new BigDecimal("8000.00")),
                Status.of(third, "XXXX")));

        BankResultMatch match = BankResultFiles.read(file, batch);

        assertThat(codes(match)).containsExactly("payment.result.unknown", "payment.result.duplicate",
                "payment.result.amount", "payment.result.status");
        assertThat(match.errors.get(2).arguments()).containsExactly("W102A1", "8,000.00", "800.00");
        assertThat(match.errors).allSatisfy(error -> assertThat(error.line()).isGreaterThan(10));
    }

    @Test
    void aReportOfAnotherBatchIsRefused() {
        BankResultMatch match = BankResultFiles.read(BankFiles.pain002("KHL0000000034B16", "ACSC", List.of()), batch);

        assertThat(codes(match)).containsExactly("payment.result.otherBatch");
        assertThat(match.errors.getFirst().arguments()).containsExactly("KHL0000000034B16", MESSAGE);
        assertThat(match.results).isEmpty();
    }

    @Test
    void aFileThatBreaksTheOfficialSchemaIsRefusedNamingTheLine() {
        String report = new String(BankFiles.pain002(MESSAGE, null, List.of(Status.of(first, "ACSC"))),
                StandardCharsets.UTF_8).replace("<TxSts>ACSC</TxSts>", "<TxSts>PAID-ALREADY</TxSts>");

        BankResultMatch match = BankResultFiles.read(report.getBytes(StandardCharsets.UTF_8), batch);

        assertThat(codes(match)).isNotEmpty().allMatch("payment.result.schema"::equals);
        assertThat(match.errors.getFirst().arguments().getFirst()).isEqualTo("pain.002.001.10");
        assertThat(match.errors.getFirst().line()).isEqualTo(report.lines().toList().indexOf(
                report.lines().filter(line -> line.contains("PAID-ALREADY")).findFirst().orElseThrow()) + 1);
        assertThat(match.results).isEmpty();
    }

    @Test
    void anotherXmlMessageIsNamedAndRefused() {
        byte[] pain001 = ("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">"
                + "</Document>").getBytes(StandardCharsets.UTF_8);

        BankResultMatch match = BankResultFiles.read(pain001, batch);

        assertThat(codes(match)).containsExactly("payment.result.format");
        assertThat(match.errors.getFirst().arguments()).containsExactly(Iso20022Schemas.Message.PAIN_001.namespace);
    }

    @Test
    void aNotificationPaysBookedDebitsAndFailsReturnsWithTheirReason() {
        byte[] file = BankFiles.camt054(MESSAGE, "0000000034", List.of(Booking.debit(first), Booking.debit(second),
                Booking.returned(second, "AC01"), new Booking(third, false, null, "PDNG")));
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.CAMT_054, file)).isEmpty();

        BankResultMatch match = BankResultFiles.read(file, batch);

        assertThat(match.errors).isEmpty();
        assertThat(match.format).isEqualTo("camt.054.001.08");
        assertThat(match.results).extracting(result -> result.payment().endToEndId(), BankResultMatch.Result::paid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W101A1", true),
                        org.assertj.core.groups.Tuple.tuple("W102A1", false));
        assertThat(match.results.get(1).reason()).startsWith("AC01 เลขที่บัญชีไม่ถูกต้อง");
        assertThat(match.pending).isEqualTo(1);
    }

    @Test
    void aNotificationWithAWrongAmountOrAnUnexpectedCreditIsRefused() {
        String file = new String(BankFiles.camt054(MESSAGE, "0000000034", List.of(Booking.debit(first),
                new Booking(second, false, null, "BOOK"))), StandardCharsets.UTF_8);
        String changed = file.replace("<Amt Ccy=\"THB\">12500.50</Amt>", "<Amt Ccy=\"THB\">12500.05</Amt>")
                .replaceFirst("(?s)(<EndToEndId>W102A1</EndToEndId></Refs>\\s*<Amt Ccy=\"THB\">800.00</Amt>\\s*)"
                        + "<CdtDbtInd>DBIT</CdtDbtInd>", "$1<CdtDbtInd>CRDT</CdtDbtInd>");

        BankResultMatch match = BankResultFiles.read(changed.getBytes(StandardCharsets.UTF_8), batch);

        assertThat(codes(match)).containsExactly("payment.result.unexpectedEntry", "payment.result.amount");
        assertThat(match.results).isEmpty();
    }

    @Test
    void aPaymentAlreadySettledTheSameWayIsUnchangedAndOneSettledOtherwiseIsAContradiction() {
        Payment paid = payment(1, "W101A1", "12500.50", "006", "1234567890", Payment.State.PAID);
        Payment failed = payment(2, "W102A1", "800.00", "030", "020012345678", Payment.State.FAILED);
        PaymentBatch settled = batch(paid, failed);

        BankResultMatch again = BankResultFiles.read(BankFiles.pain002(MESSAGE, null, List.of(Status.of(paid, "ACSC"),
                Status.rejected(failed, "AC04"))), settled);
        BankResultMatch contrary = BankResultFiles.read(BankFiles.camt054(MESSAGE, "0000000034",
                List.of(Booking.returned(paid, "AC04"))), settled);

        assertThat(again.errors).isEmpty();
        assertThat(again.results).isEmpty();
        assertThat(again.unchanged).isEqualTo(2);
        assertThat(codes(contrary)).containsExactly("payment.result.contradicts");
    }

    @Test
    void theCsvStaysReadable() {
        BankResultMatch match = BankResultFiles.read(("\uFEFFend_to_end_id,status,reason\nW101A1,ACSC,\n"
                + "W102A1,RJCT,บัญชีปิด\n").getBytes(StandardCharsets.UTF_8), batch);

        assertThat(match.errors).isEmpty();
        assertThat(match.format).isEqualTo("csv");
        assertThat(match.results).hasSize(2);
    }
}
