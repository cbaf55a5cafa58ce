package org.khlang.disbursement;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.support.Browsers;
import org.khlang.identity.KhlangUser;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.BankFiles;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.shared.CitizenId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R13: the withheld tax certified per payment, listed per month and return, and remitted once, on PostgreSQL. */
@IntegrationTest
@Tag("R13")
class WithholdingRemittanceIntegrationTests {

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    Withholdings withholdings;

    @Autowired
    Payees payees;

    @Autowired
    Ledger ledger;

    @Autowired
    MoneyFixtures money;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    Office office;
    Payee person;

    @BeforeEach
    void office() {
        office = money.office("37", URI.create("http://localhost:" + port), "900000.00");
        String twelve = "31012" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(10_000_000));
        person = payees.register(office.agency().id(), new NewPayee(PayeeKind.FIRM, "นายช่าง รับเหมา",
                twelve + CitizenId.checkDigit(twelve), new BankAccount("006", "9876543210", "นายช่าง รับเหมา")),
                office.recorder().actor());
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    RequestPostProcessor as(MoneyFixtures.Person who, Right right) {
        KhlangUser user = new KhlangUser(who.accountId(), 0, who.actor().username(), "ทดสอบ", null,
                office.agency().id(), Set.of(right.name()), Set.of());
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(
                new SimpleGrantedAuthority(right.authority()), new SimpleGrantedAuthority("SIGNED_IN"),
                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"))));
    }

    Withdrawal paid(long payeeId, String amount) {
        Withdrawal recorded = withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02, payeeId,
                null, "ค่าจ้างเหมา", List.of(new NewWithdrawal.Line(office.budget().id(), null, "งานจ้าง", "INV-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                        new BigDecimal(amount)))), office.recorder().actor());
        money.approved1(office, recorded);
        PaymentBatch batch = money.approved2(office, List.of(recorded.id()));
        withdrawals.importBankResults(batch.id(), BankFiles.pain002(batch.messageId(), "ACSC", List.of()),
                office.recorder().actor());
        return withdrawals.find(recorded.id()).orElseThrow();
    }

    BigDecimal payable() {
        TrialBalance balance = ledger.trialBalance(office.agency().id(), LocalDate.now(clock));
        assertThat(balance.balanced()).isTrue();
        return balance.rows().stream().filter(row -> row.account().code().equals("2102040102")).findFirst()
                .map(TrialBalance.Row::balance).orElse(BigDecimal.ZERO);
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    @Test
    void eachPaidPaymentHasACertificateAndTheMonthsReturnsListThem() throws Exception {
        Withdrawal firm = paid(office.payee().id(), "20000.00");
        Withdrawal firm2 = paid(office.payee().id(), "15000.00");
        Withdrawal individual = paid(person.id(), "10000.00");
        Withdrawal nothingWithheld = paid(office.payee().id(), "9000.00");

        WithholdingLine certificate = withholdings.certificate(firm.id()).orElseThrow();
        assertThat(certificate.certificateNumber()).matches("\\d{10}-\\d{4}-\\d{6}");
        assertThat(certificate.tax()).isEqualByComparingTo("200.00");
        assertThat(certificate.taxable()).isEqualByComparingTo("20000.00");
        assertThat(withholdings.certificate(firm2.id()).orElseThrow().certificateNumber())
                .isNotEqualTo(certificate.certificateNumber());
        YearMonth month = YearMonth.now(clock);
        assertThat(withholdings.month(office.agency().id(), month, TaxStatus.JURISTIC))
                .extracting(WithholdingLine::withdrawalId).containsExactly(firm.id(), firm2.id());
        assertThat(withholdings.month(office.agency().id(), month, TaxStatus.INDIVIDUAL))
                .singleElement().satisfies(line -> {
                    assertThat(line.withdrawalId()).isEqualTo(individual.id());
                    assertThat(line.tax()).isEqualByComparingTo("100.00");
                });

        byte[] pdf = mvc.perform(get("/money/withdrawals/" + firm.id() + "/certificate.pdf")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Path file = Files.createDirectories(Browsers.SCREENSHOTS).resolve("money-certificate-50tawi.pdf");
        Files.write(file, pdf);
        Process text = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true)
                .start();
        String extracted = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.waitFor()).isZero();
        assertThat(extracted).contains("หนังสือรับรองการหักภาษี ณ ที่จ่าย", "มาตรา 50 ทวิ",
                certificate.certificateNumber(), certificate.taxIdPrinted(), "20,000.00", "200.00", "สองร้อยบาทถ้วน");
        Process png = new ProcessBuilder("pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", file.toString(),
                Browsers.SCREENSHOTS.resolve("money-certificate-50tawi").toString()).redirectErrorStream(true).start();
        assertThat(png.waitFor()).isZero();
        // A document that withheld nothing has no certificate.
        mvc.perform(get("/money/withdrawals/" + nothingWithheld.id() + "/certificate.pdf")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isNotFound());

        mvc.perform(get("/money/withholding").param("month", month.toString())
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(certificate.certificateNumber())))
                .andExpect(content().string(containsString("นายช่าง รับเหมา")));
        byte[] xlsx = mvc.perform(get("/money/withholding/" + month + "/pnd53.xlsx")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("ใบแนบ ภ.ง.ด.53");
            List<String> cells = new ArrayList<>();
            sheet.forEach(row -> row.forEach(cell -> cells.add(cell.toString())));
            assertThat(cells).contains("200.0", "150.0", "350.0");
        }
    }

    @Test
    void aFinishedMonthsReturnIsRemittedOnceOnThePhoneAndClearsThePayable() throws Exception {
        paid(office.payee().id(), "20000.00");
        paid(office.payee().id(), "30000.00");
        YearMonth month = YearMonth.now(clock);
        assertThat(payable()).isEqualByComparingTo("500.00");
        refused(() -> withholdings.askRemittance(office.agency().id(), month, TaxStatus.JURISTIC,
                office.approver2().actor()), "withholding.remit.monthOpen");

        clock.advance(Duration.ofDays(32));
        refused(() -> withholdings.askRemittance(office.agency().id(), month, TaxStatus.JURISTIC,
                office.recorder().actor()), "disbursement.right");
        refused(() -> withholdings.askRemittance(office.agency().id(), month, TaxStatus.INDIVIDUAL,
                office.approver2().actor()), "withholding.remit.nothing");
        SigningRequest ask = withholdings.askRemittance(office.agency().id(), month, TaxStatus.JURISTIC,
                office.approver2().actor());
        mvc.perform(get("/money/withholding/confirm").param("month", month.toString()).param("form", "pnd53")
                        .with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ภ.ง.ด.53")));
        assertThat(ask.total()).isEqualByComparingTo("500.00");
        assertThat(office.approver2().phone().pending().stream()
                .filter(request -> request.id().equals(ask.confirmationId())).findFirst().orElseThrow()
                .text("detail_th")).contains("ภ.ง.ด.53", "500.00 บาท", "ห้าร้อยบาทถ้วน");
        refused(() -> withholdings.remit(office.agency().id(), month, TaxStatus.JURISTIC, ask.confirmationId(),
                office.approver2().actor()), "withdrawal.confirmation.missing");
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), ask.confirmationId());

        WithholdingRemittance done = withholdings.remit(office.agency().id(), month, TaxStatus.JURISTIC,
                ask.confirmationId(), office.approver2().actor());

        assertThat(done.count()).isEqualTo(2);
        assertThat(done.total()).isEqualByComparingTo("500.00");
        assertThat(payable()).isEqualByComparingTo("0");
        assertThat(withholdings.month(office.agency().id(), month, TaxStatus.JURISTIC))
                .allSatisfy(line -> assertThat(line.remittanceId()).isEqualTo(done.id()));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action ="
                + " 'disbursement.withholding.remitted' and agency_id = ?", Long.class, office.agency().id()))
                .isEqualTo(1);
        refused(() -> withholdings.askRemittance(office.agency().id(), month, TaxStatus.JURISTIC,
                office.approver2().actor()), "withholding.remit.done");
    }
}
