package org.khlang.softtoken;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.khlang.authenticator.Main;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "นี่ไม่ใช่ฉัน / This wasn't me" end to end with the command-line authenticator (issue 20): someone who has the
 * password signs in; the person answers the push with {@code not-me}. The request is denied, a security incident
 * recorded, every session of the person ended, a new password required at the next sign-in (after the phone), and
 * the head and the Contact Center told.
 */
@IntegrationTest
class NotMeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    com.icegreen.greenmail.util.GreenMail mail;

    @LocalServerPort
    int port;

    /** The subjects of the e-mails that reached the address. */
    java.util.List<String> mailTo(String address) throws Exception {
        mail.waitForIncomingEmail(3000, 1);
        java.util.List<String> subjects = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : mail.getReceivedMessages()) {
            if (java.util.Arrays.stream(message.getRecipients(jakarta.mail.Message.RecipientType.TO))
                    .anyMatch(to -> to.toString().equals(address))) {
                subjects.add(message.getSubject());
            }
        }
        return subjects;
    }

    @Test
    void thisWasntMeOnTheCommandLineAuthenticatorDeniesEndsTheSessionsAndForcesANewPassword() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("54", URI.create("http://localhost:" + port));
        String username = enrolled.person().username();
        long accountId = enrolled.person().accountId();
        KhlangUser head = fixtures.head(enrolled.person().registrar(), enrolled.person().agency());
        KhlangUser helpdesk = fixtures.helpdesk();
        Path home = Files.createTempDirectory("khlang-authenticator");
        enrolled.phone().save(home, "135790".toCharArray());

        // the person's own session, signed in with the phone
        WebSession own = new WebSession(mvc);
        signIn(own, username, enrolled);
        own.perform(get("/")).andExpect(status().isOk());

        // someone else, with the password
        WebSession thief = new WebSession(mvc);
        thief.perform(post("/login").with(csrf()).param("username", username).param("password",
                Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        String listed = cli(home, "requests");
        String requestId = listed.lines().filter(line -> line.contains("LOGIN")).findFirst().orElseThrow()
                .split("\\s+")[0];
        assertThat(cli(home, "not-me", requestId)).contains("DENIED");

        // every session of the account ended, the half-signed-in one of whoever had the password too
        thief.perform(get("/login/confirm/status")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select outcome from approval_request where id = ?", String.class, requestId))
                .isEqualTo("NOT_ME");
        assertThat(count("select count(*) from audit_event where action = 'softtoken.alert.notMe' and target = ?",
                "request:" + requestId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select must_change_password from user_account where id = ?", Boolean.class,
                accountId)).isTrue();
        assertThat(count("select count(*) from spring_session where principal_name = ?", username)).isZero();
        own.perform(get("/")).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from audit_event where action = 'identity.sessions.ended' and target = ?"
                + " and details like '%NOT_ME%'", "account:" + accountId)).isEqualTo(1);
        assertThat(count("select count(*) from notice where recipient_id = ? and kind = 'NOT_ME'", head.accountId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from notice where recipient_id = ? and kind = 'NOT_ME'",
                helpdesk.accountId())).isEqualTo(1);
        assertThat(mailTo(fixtures.emailOf(head.accountId()))).anyMatch(subject -> subject.contains("นี่ไม่ใช่ฉัน"));
        assertThat(mailTo(fixtures.emailOf(helpdesk.accountId())))
                .anyMatch(subject -> subject.contains("this wasn't me"));
        assertThat(count("select count(*) from support_ticket where account_id = ? and subject like ?", accountId,
                "เหตุการณ์ด้านความปลอดภัย%")).isEqualTo(1);

        // the next sign-in needs the phone, then a new password before anything else
        WebSession again = new WebSession(mvc);
        signIn(again, username, enrolled);
        again.perform(get("/")).andExpect(redirectedUrl("/account/password"));

        // an activation request cannot be answered "not me"; and a decided request cannot be answered again
        assertThat(cli(home, "not-me", requestId)).contains("no such pending request");
    }

    private void signIn(WebSession session, String username, SoftTokenFixtures.Enrolled enrolled) throws Exception {
        session.perform(post("/login").with(csrf()).param("username", username)
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        String page = session.perform(get("/login/confirm")).andReturn().getResponse().getContentAsString();
        int number = Integer.parseInt(page.replaceAll("(?s).*data-digits=\"(\\d{6})\".*", "$1"));
        var request = enrolled.phone().pending().stream().filter(found -> found.kind().equals("LOGIN")).findFirst()
                .orElseThrow();
        assertThat(enrolled.phone().approve(request, number).approved()).isTrue();
        session.perform(post("/login/confirm/complete").with(csrf())).andExpect(redirectedUrl("/"));
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    private static String cli(Path home, String... arguments) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] all = new String[arguments.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        new Main(new PrintStream(printed, true, StandardCharsets.UTF_8), "135790"::toCharArray).run(all);
        return printed.toString(StandardCharsets.UTF_8);
    }
}
