package org.khlang.disbursement;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Browsers;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R13")
class ReportIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @LocalServerPort
    int port;

    Office office;
    Withdrawal paid;
    Withdrawal recorded;

    @BeforeEach
    void paidAndRecorded() {
        office = money.office("45", URI.create("http://localhost:" + port), "900000.00");
        paid = money.approved1(office, money.recorded(office, "100000.50"));
        PaymentBatch batch = money.approved2(office, List.of(paid.id()));
        withdrawals.importBankResults(batch.id(), ("end_to_end_id,status,reason\n"
                + batch.payments().getFirst().endToEndId() + ",PAID,\n").getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());
        recorded = money.recorded(office, "2500.00");
    }

    RequestPostProcessor as(MoneyFixtures.Person person, Right right) {
        KhlangUser user = new KhlangUser(person.accountId(), 0, person.actor().username(), "ทดสอบ", null,
                office.agency().id(), Set.of(right.name()), Set.of());
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(right.authority()),
                new SimpleGrantedAuthority("SIGNED_IN"), new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN")));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    @Test
    void theRegisterShowsEveryDocumentWithItsStateOnScreenAndInXlsx() throws Exception {
        mvc.perform(get("/money/reports/register").with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(paid.displayNumber())))
                .andExpect(content().string(containsString("จ่ายแล้ว")))
                .andExpect(content().string(containsString(recorded.displayNumber())))
                .andExpect(content().string(containsString("102,500.50")));

        byte[] xlsx = mvc.perform(get("/money/reports/register").param("format", "xlsx")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("ทะเบียนคุมการขอเบิกและจ่ายเงิน");
            List<Double> amounts = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getCell(8) != null && row.getCell(8).getCellType() == CellType.NUMERIC) {
                    amounts.add(row.getCell(8).getNumericCellValue());
                }
            }
            assertThat(amounts).containsExactly(100000.50, 2500.00, 102500.50);
        }
    }

    @Test
    void theTrialBalanceBalancesAndTheBudgetReportAddsUp() throws Exception {
        mvc.perform(get("/money/reports/trial-balance").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ยอดเดบิตเท่ากับเครดิต")))
                .andExpect(content().string(containsString("5104010104")));
        mvc.perform(get("/money/reports/budget").with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("100,000.50")))
                .andExpect(content().string(containsString("797,499.50")));
        mvc.perform(get("/money/reports/gl-detail").param("gl", "2101010101")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(paid.number())))
                .andExpect(content().string(containsString("100,000.50")));
        mvc.perform(get("/money/reports/gl-detail").param("gl", "9999999999")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/money/reports/register").param("from", "2026-13-01")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void thePdfIsPrintedByChromiumWithThaiTextThatReadsBack() throws Exception {
        byte[] pdf = mvc.perform(get("/money/reports/register").param("format", "pdf")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        Path file = Files.createDirectories(Browsers.SCREENSHOTS).resolve("money-register.pdf");
        Files.write(file, pdf);
        Process text = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true)
                .start();
        String extracted = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.waitFor()).isZero();
        assertThat(extracted).contains("ทะเบียนคุมการขอเบิกและจ่ายเงิน", paid.displayNumber(), "100,000.50");
        // The type is Sarabun served with Khlang (issue 18), embedded, whatever fonts this machine has.
        Process fonts = new ProcessBuilder("pdffonts", file.toString()).redirectErrorStream(true).start();
        String embedded = new String(fonts.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fonts.waitFor()).isZero();
        assertThat(embedded).contains("Sarabun-Regular", "Sarabun-Bold");
        // A page rendered to PNG, to look at the Thai shaping (target/screenshots/money-register-1.png).
        Process png = new ProcessBuilder("pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", file.toString(),
                Browsers.SCREENSHOTS.resolve("money-register").toString()).redirectErrorStream(true).start();
        assertThat(png.waitFor()).isZero();
        assertThat(Browsers.SCREENSHOTS.resolve("money-register-1.png")).exists();
    }
}
