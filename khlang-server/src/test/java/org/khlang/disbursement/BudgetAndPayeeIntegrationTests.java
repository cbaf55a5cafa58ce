package org.khlang.disbursement;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.shared.ImportReport;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class BudgetAndPayeeIntegrationTests {

    @Autowired
    Budgets budgets;

    @Autowired
    Payees payees;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    MoneyFixtures money;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("40", URI.create("http://localhost:" + port), "5000.00");
    }

    @Test
    void aBudgetCsvIsImportedWhole() {
        int year = money.fiscalYear();
        String yy = String.format("%02d", year % 100);
        String csv = "fiscal_year,budget_code,fund_source,gl_code,activity,allotted\n"
                + year + ",BG" + year + "001," + yy + "11000,5104010107,ซ่อมแซมอาคาร,\"1,250,000.00\"\n"
                + year + ",BG" + year + "002," + yy + "11000,5104020101,ค่าไฟฟ้า,360000\n";

        ImportReport<BudgetLine> report = budgets.importCsv(office.agency().id(), csv.getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());

        assertThat(report.imported()).isTrue();
        assertThat(report.results()).extracting(BudgetLine::allotted)
                .containsExactly(new BigDecimal("1250000.00"), new BigDecimal("360000.00"));
        assertThat(budgets.lines(office.agency().id(), year)).hasSize(3);
    }

    @Test
    void aBudgetCsvWithAnyBadRowImportsNothingAndNamesEveryBadRow() {
        int year = money.fiscalYear();
        String yy = String.format("%02d", year % 100);
        String csv = "fiscal_year,budget_code,fund_source,gl_code,activity,allotted\n"
                + year + ",BG" + year + "010," + yy + "11000,5104010107,ซ่อมแซม,1000\n"
                + year + ",BG" + year + "011,9911000,5104010107,ผิดปี,1000\n"
                + year + ",BG" + year + "012," + yy + "11000,2101010101,ไม่ใช่ค่าใช้จ่าย,1000\n"
                + year + ",BG" + year + "013," + yy + "11000,5104010104,ติดลบ,-5\n"
                + "๒๕๖๙,BG" + year + "014," + yy + "11000,5104010104,ปีไทย,10\n"
                + year + ",BG" + year + "010," + yy + "11000,5104010107,ซ้ำ,1000\n";

        ImportReport<BudgetLine> report = budgets.importCsv(office.agency().id(), csv.getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());

        assertThat(report.imported()).isFalse();
        assertThat(report.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "budget.fundSource.year"),
                        org.assertj.core.groups.Tuple.tuple(4L, "budget.glCode.notExpense"),
                        org.assertj.core.groups.Tuple.tuple(5L, "amount.format"),
                        org.assertj.core.groups.Tuple.tuple(6L, "budget.fiscalYear"),
                        org.assertj.core.groups.Tuple.tuple(7L, "import.duplicateInFile"));
        assertThat(budgets.lines(office.agency().id(), year)).hasSize(1);
    }

    @Test
    void payeesNeedAValidTaxIdAndABankAccountOfTheRightLength() {
        assertThatThrownBy(() -> new BankAccount("999", "1234567890", "x"))
                .isInstanceOfSatisfying(InvalidValueException.class, p -> assertThat(p.code()).isEqualTo("bank.unknown"));
        assertThatThrownBy(() -> new BankAccount("030", "1234567890", "x"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        p -> assertThat(p.code()).isEqualTo("bank.account.length"));
        assertThatThrownBy(() -> new BankAccount("006", "12345678ab", "x"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        p -> assertThat(p.code()).isEqualTo("bank.account.digits"));
        assertThat(new BankAccount("006", "123-4-56789-0", "x").masked()).isEqualTo("xxxxx6789x");
        assertThatThrownBy(() -> payees.register(office.agency().id(), new NewPayee(PayeeKind.FIRM, "บริษัท ก",
                "0105512345679", new BankAccount("006", "1234567890", "บริษัท ก")), office.recorder().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("payee.taxId.checkDigit"));
    }

    @Test
    void aBankAccountChangeNeedsASecondPersonAndAlertsTheHead() {
        Payee payee = office.payee();
        BankAccount newAccount = new BankAccount("014", "9876543210", payee.name());
        BankChange change = payees.requestBankChange(payee.id(), newAccount, "ผู้รับเงินแจ้งเปลี่ยนบัญชี",
                office.recorder().actor());
        assertThat(payees.alerts(office.head().accountId())).anySatisfy(alert -> {
            assertThat(alert.kind()).isEqualTo("BANK_CHANGE_REQUESTED");
            assertThat(alert.messageTh()).contains(payee.name(), "xxxxx4321x");
        });
        assertThat(payees.find(payee.id()).orElseThrow().account()).isEqualTo(payee.account());

        assertThatThrownBy(() -> payees.decideBankChange(change.id(), true, office.recorder().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isIn("disbursement.right", "withdrawal.sod.bankChange"));
        BankChange approved = payees.decideBankChange(change.id(), true, office.head().actor());

        assertThat(approved.state()).isEqualTo(BankChange.State.APPROVED);
        assertThat(payees.find(payee.id()).orElseThrow().account()).isEqualTo(newAccount);
        assertThat(payees.alerts(office.head().accountId())).extracting(Alert::kind)
                .contains("BANK_CHANGE_APPROVED");
    }

    @Test
    void theAccountCannotChangeWhileATransferIsAtTheBankAndApproval2PaysTheAccountItShowed() {
        Withdrawal withdrawal = money.approved1(office, money.recorded(office, "100.00"));
        PaymentBatch batch = money.approved2(office, List.of(withdrawal.id()));
        BankChange change = payees.requestBankChange(office.payee().id(), new BankAccount("014", "9876543210", "x"),
                "เปลี่ยนบัญชี", office.recorder().actor());

        assertThatThrownBy(() -> payees.decideBankChange(change.id(), true, office.head().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("payee.change.inFlight"));
        assertThat(batch.payments().getFirst().account()).isEqualTo(office.payee().account());
    }
}
