package org.khlang.disbursement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.identity.KhlangUser;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The recorder types or imports a list of payees on the page; a list with a bad row records nothing. */
@IntegrationTest
@Tag("R13")
class PayeeListWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("39", URI.create("http://localhost:" + port), "90000.00");
    }

    RequestPostProcessor recorder() {
        KhlangUser user = new KhlangUser(office.recorder().accountId(), 0, office.recorder().actor().username(),
                "ทดสอบ", null, office.agency().id(), Set.of(Right.RECORDER.name()), Set.of());
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(
                new SimpleGrantedAuthority(Right.RECORDER.authority()), new SimpleGrantedAuthority("SIGNED_IN"),
                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"))));
    }

    long documents() {
        return jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id());
    }

    @Test
    void aTypedListWithABadRowRecordsNothingAndAnImportedOneRecordsTheDocument() throws Exception {
        mvc.perform(get("/money/withdrawals/new-list").with(recorder())).andExpect(status().isOk())
                .andExpect(content().string(containsString("name,citizen_id,bank_code,account_number,amount")));
        mvc.perform(multipart("/money/withdrawals/list").with(recorder()).with(csrf()).param("type", "KB02")
                        .param("description", "เบี้ยเลี้ยงอบรม").param("budgetLineId", "" + office.budget().id())
                        .param("typed", "name,citizen_id,bank_code,account_number,amount\n"
                                + "นายหนึ่ง,,006,1234567801,100.00\nนายสอง,,006,12345,200.00\n"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("rowErrors", hasItem(containsString("บรรทัดที่ 3"))));
        assertThat(documents()).isZero();

        MockMultipartFile file = new MockMultipartFile("file", "payees.csv", "text/csv",
                ("name,citizen_id,bank_code,account_number,amount\nนายหนึ่ง,,006,1234567801,100.00\n"
                        + "นางสอง,,030,020012345601,\"1,200.50\"\n").getBytes(StandardCharsets.UTF_8));
        String location = mvc.perform(multipart("/money/withdrawals/list").file(file).with(recorder()).with(csrf())
                        .param("type", "KB02").param("description", "เบี้ยเลี้ยงอบรม")
                        .param("budgetLineId", "" + office.budget().id()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/money/withdrawals/");
        assertThat(documents()).isEqualTo(1);
        mvc.perform(get(location).with(recorder())).andExpect(status().isOk())
                .andExpect(content().string(containsString("ผู้รับเงิน 2 ราย")))
                .andExpect(content().string(containsString("นางสอง")))
                .andExpect(content().string(containsString("1,300.50")));
    }
}
