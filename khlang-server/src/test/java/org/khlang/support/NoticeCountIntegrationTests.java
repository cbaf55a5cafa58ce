package org.khlang.support;

import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The header counts the signed-in person's unread notices, on every page, and shows nothing when there are none. */
@IntegrationTest
class NoticeCountIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Notices notices;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHeaderCountsUnreadNoticesAndForgetsThoseRead() throws Exception {
        KhlangUser registrar = fixtures.registrar(fixtures.office("10"));
        KhlangUser head = fixtures.head(registrar, fixtures.localAgency("10"));
        assertThat(page(head)).doesNotContain("id=\"notice-count\"");

        notices.send(head.accountId(), "TEST", "ข้อความที่หนึ่ง", "First message", "/notices");
        notices.send(head.accountId(), "TEST", "ข้อความที่สอง", "Second message", "/notices");
        assertThat(page(head)).contains("id=\"notice-count\"", "การแจ้งเตือน (2)");

        long first = jdbc.queryForObject("select min(id) from notice where recipient_id = ?", Long.class,
                head.accountId());
        mvc.perform(post("/notices/" + first + "/read").with(SignedIn.as(head)).with(csrf()));
        assertThat(page(head)).contains("การแจ้งเตือน (1)");
        // Another person's notices are not counted in this header.
        KhlangUser other = fixtures.head(registrar, fixtures.localAgency("10"));
        assertThat(page(other)).doesNotContain("id=\"notice-count\"");
    }

    private String page(KhlangUser user) throws Exception {
        return mvc.perform(get("/").with(SignedIn.as(user))).andReturn().getResponse().getContentAsString();
    }
}
