package org.khlang.disbursement;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.shared.CitizenId;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("R13")
class PayeeListCsvTests {

    static String citizen(String twelve) {
        return twelve + CitizenId.checkDigit(twelve);
    }

    static ImportReport<PayeeLine> read(String text) {
        return PayeeListCsv.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodListIsReadWithItsNumbersAccountsAndAmounts() {
        ImportReport<PayeeLine> report = read("name,citizen_id,bank_code,account_number,amount\n"
                + "นายสมชาย ใจดี," + citizen("310120000001") + ",006,123-456-7890,\"1,500.00\"\n"
                + "นางสมหญิง รักงาน,,030,020012345678,240.50\n");

        assertThat(report.imported()).isTrue();
        assertThat(report.results()).extracting(PayeeLine::number).containsExactly(1, 2);
        assertThat(report.results().getFirst().account().number()).isEqualTo("1234567890");
        assertThat(report.results().getFirst().amount()).isEqualByComparingTo("1500.00");
        assertThat(report.results().get(1).citizenId()).isNull();
        assertThat(report.results().get(1).account().name()).isEqualTo("นางสมหญิง รักงาน");
    }

    @Test
    void everyBadRowIsNamedAndNothingIsTaken() {
        ImportReport<PayeeLine> report = read("name,citizen_id,bank_code,account_number,amount\n"
                + ",,006,1234567890,10.00\n"
                + "นายหนึ่ง,1234567890123,006,1234567891,10.00\n"
                + "นายสอง,,999,1234567892,10.00\n"
                + "นายสาม,,006,12345,10.00\n"
                + "นายสี่,,006,1234567893,1e3\n"
                + "นายห้า,,006,1234567894,10.00\n"
                + "นายหก,,006,1234567894,20.00\n");

        assertThat(report.imported()).isFalse();
        assertThat(report.results()).isEmpty();
        assertThat(report.errors()).extracting(RowError::line).containsExactly(2L, 3L, 4L, 5L, 6L, 8L);
        assertThat(report.errors()).extracting(RowError::code).contains("payeeList.name",
                "import.duplicateInFile");
    }

    @Test
    void aMissingHeaderAnEmptyListAndTooManyRowsAreRefused() {
        assertThat(read("name,amount\nก,1\n").errors()).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo("import.header"));
        assertThat(read("name,citizen_id,bank_code,account_number,amount\n").errors()).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo("import.empty"));
        StringBuilder many = new StringBuilder("name,citizen_id,bank_code,account_number,amount\n");
        for (int i = 0; i <= PayeeListCsv.MAX_PAYEES; i++) {
            many.append("ผู้รับ ").append(i).append(",,006,").append(String.format("%010d", i)).append(",1.00\n");
        }
        assertThat(read(many.toString()).errors()).extracting(RowError::code).contains("import.tooManyRows");
    }
}
