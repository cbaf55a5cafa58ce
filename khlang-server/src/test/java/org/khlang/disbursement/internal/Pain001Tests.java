package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khlang.disbursement.BankAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pain001Tests {

    static Pain001.Batch batch(List<Pain001.Transfer> transfers) {
        return new Pain001.Batch("KHL0000000001B1", OffsetDateTime.of(2026, 11, 26, 10, 15, 30, 0,
                ZoneOffset.ofHours(7)), LocalDate.of(2026, 11, 27), "องค์การบริหารส่วนตำบลทดสอบ", "0000000001", "006",
                transfers);
    }

    @Test
    void writesAValidCreditTransferInitiationInBahtWithThaiNames() {
        byte[] file = Pain001.write(batch(List.of(
                new Pain001.Transfer("W1A1", new BigDecimal("12500.50"),
                        new BankAccount("006", "1234567890", "ห้างหุ้นส่วนจำกัด ก้าวหน้า & บุตร <สาขา 1>"), "KB02-2570-000001"),
                new Pain001.Transfer("W2A1", new BigDecimal("0.01"),
                        new BankAccount("030", "020012345678", "นายสมชาย ใจดี"), "KB03-2570-000001"))));

        String xml = new String(file, StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">")
                .contains("<NbOfTxs>2</NbOfTxs>", "<CtrlSum>12500.51</CtrlSum>", "<CreDtTm>2026-11-26T10:15:30+07:00",
                        "<Dt>2026-11-27</Dt>", "<InstdAmt Ccy=\"THB\">0.01</InstdAmt>", "<MmbId>030</MmbId>",
                        "ก้าวหน้า &amp; บุตร &lt;สาขา 1&gt;", "<Ustrd>KB02-2570-000001</Ustrd>");
        Pain001.validate(file);
    }

    @Test
    void theSchemaRefusesWhatABankWouldRefuse() {
        byte[] valid = Pain001.write(batch(List.of(new Pain001.Transfer("W1A1", new BigDecimal("1.00"),
                new BankAccount("006", "1234567890", "ก"), "KB02"))));
        String xml = new String(valid, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Pain001.validate(xml.replace("Ccy=\"THB\"", "Ccy=\"thb\"")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not valid");
        assertThatThrownBy(() -> Pain001.validate(xml.replace("<EndToEndId>W1A1</EndToEndId>",
                "<EndToEndId>" + "x".repeat(36) + "</EndToEndId>").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> Pain001.validate(xml.replace("<PmtMtd>TRF</PmtMtd>", "").getBytes(
                StandardCharsets.UTF_8))).hasMessageContaining("not valid");
    }

    @Test
    void longNamesAreCutAtTheStandardsLimitWithoutSplittingACharacter() {
        String name = "บริษัท " + "ก".repeat(180);
        byte[] file = Pain001.write(batch(List.of(new Pain001.Transfer("W1A1", BigDecimal.ONE,
                new BankAccount("006", "1234567890", name), "KB02"))));
        Pain001.validate(file);
        assertThat(new String(file, StandardCharsets.UTF_8)).contains("<Nm>" + name.substring(0, 140) + "</Nm>");
    }

    @Test
    void theLargestBatchIsValidAgainstTheOfficialSchemaAndTheProfile() {
        List<String> banks = org.khlang.disbursement.ThaiBanks.all().stream()
                .map(org.khlang.disbursement.ThaiBanks.Bank::code).toList();
        List<Pain001.Transfer> transfers = new java.util.ArrayList<>();
        for (int i = 1; i <= JdbcWithdrawals.MAX_BATCH; i++) {
            String bank = banks.get(i % banks.size());
            String number = "1".repeat(org.khlang.disbursement.ThaiBanks.byCode(bank).orElseThrow().accountDigits());
            transfers.add(new Pain001.Transfer("W" + (100_000_000L + i) + "A" + (1 + i % 3),
                    new BigDecimal(i % 7 == 0 ? "9999999999.99" : i + ".0" + (i % 10)),
                    new BankAccount(bank, number, ("บริษัท ทดสอบการจ่ายเงิน จำกัด (สำนักงานใหญ่) สาขาที่ " + i
                            + " ก".repeat(i % 3 == 0 ? 100 : 0)).substring(0, i % 3 == 0 ? 200 : 50)), "KB02-2570-" + String.format("%06d", i)));
        }

        byte[] file = Pain001.write(batch(transfers));

        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_001, file)).isEmpty();
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_001_PROFILE, file)).isEmpty();
        assertThat(new String(file, StandardCharsets.UTF_8)).contains("<NbOfTxs>10000</NbOfTxs>");
    }

    @Test
    void theProfileIsASecondNarrowerCheckAfterTheOfficialSchema() {
        String xml = new String(Pain001.write(batch(List.of(new Pain001.Transfer("W1A1", new BigDecimal("1.00"),
                new BankAccount("006", "1234567890", "ก"), "KB02")))), StandardCharsets.UTF_8);

        // US dollars are a valid ISO 20022 amount, but no Thai direct-pay batch of Khlang's holds them.
        byte[] dollars = xml.replace("Ccy=\"THB\"", "Ccy=\"USD\"").getBytes(StandardCharsets.UTF_8);
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_001, dollars)).isEmpty();
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_001_PROFILE, dollars)).isNotEmpty();
        assertThatThrownBy(() -> Pain001.validate(dollars)).hasMessageContaining("PAIN_001_PROFILE");

        // An element the standard does not know is refused by the official schema itself, naming the line.
        byte[] unknown = xml.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>TRF</PmtMtd>\n<Urgent>yes</Urgent>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Iso20022Schemas.violations(Iso20022Schemas.Message.PAIN_001, unknown)).first()
                .satisfies(violation -> assertThat(violation.message()).contains("Urgent"));
        assertThatThrownBy(() -> Pain001.validate(unknown)).hasMessageContaining("against PAIN_001 ");
    }
}
