package org.khlang.support;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R15")
class HelpIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Tickets tickets;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    LostDevices lost;

    @Autowired
    GreenMail mail;

    @LocalServerPort
    int port;

    List<MimeMessage> mailTo(String address) throws Exception {
        mail.waitForIncomingEmail(3000, 1);
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equals(address));
            } catch (jakarta.mail.MessagingException unreadable) {
                return false;
            }
        }).toList();
    }

    @Test
    void theHelpPageNamesTheLettersChannelsAndTheBotAnswersAnyone() throws Exception {
        mvc.perform(get("/help")).andExpect(status().isOk())
                .andExpect(content().string(containsString("0 2032 2636")))
                .andExpect(content().string(containsString("@gfmiscc")))
                .andExpect(content().string(containsString("helpdesk@example.go.th")));
        mvc.perform(get("/help/chat").param("q", "ลืมรหัสผ่าน ทำอย่างไรดี"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.faqId").value("password-forgot"))
                .andExpect(jsonPath("$.escalate").value(false));
        mvc.perform(get("/help/chat").param("q", "ราคาหุ้นวันนี้"))
                .andExpect(jsonPath("$.escalate").value(true));
    }

    @Test
    void aPersonOpensATicketTheContactCenterAnswersAndThePersonIsToldByEMail() throws Exception {
        KhlangUser registrar = fixtures.registrar(fixtures.office("60"));
        IssuedCredential person = fixtures.issue(registrar, fixtures.localAgency("60"));
        fixtures.activate(person);
        Actor asker = new Actor(person.account().id(), person.account().username().value());
        KhlangUser helpdesk = fixtures.helpdesk();

        Ticket opened = tickets.open("เข้าระบบไม่ได้", "กรอกตัวเลขแล้วขึ้นว่าหมดเวลา", asker);
        assertThat(opened.state()).isEqualTo(Ticket.State.OPEN);
        assertThat(tickets.waiting(helpdesk.actor())).extracting(Ticket::id).contains(opened.id());
        assertThatThrownBy(() -> tickets.waiting(asker)).isInstanceOf(KhlangProblem.class);

        Ticket answered = tickets.reply(opened.id(), "โปรดกรอกตัวเลขภายใน 2 นาทีหลังใส่รหัสผ่าน", helpdesk.actor());
        assertThat(answered.state()).isEqualTo(Ticket.State.ANSWERED);
        assertThat(answered.messages()).extracting(Ticket.Message::staff).containsExactly(false, true);
        List<MimeMessage> received = mailTo(person.person().email());
        assertThat(received).isNotEmpty();
        assertThat(GreenMailUtil.getBody(received.getLast())).isNotBlank();
        assertThat(received.getLast().getSubject()).contains("Contact Center");

        KhlangUser stranger = fixtures.helpdesk();
        IssuedCredential other = fixtures.issue(registrar, fixtures.localAgency("60"));
        fixtures.activate(other);
        assertThat(tickets.find(opened.id(), new Actor(other.account().id(), "x"))).isEmpty();
        assertThat(tickets.find(opened.id(), stranger.actor())).isPresent();
        assertThat(tickets.close(opened.id(), asker).state()).isEqualTo(Ticket.State.CLOSED);
        assertThatThrownBy(() -> tickets.reply(opened.id(), "อีกครั้ง", asker))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("ticket.closed"));
    }

    @Test
    @Tag("R12")
    void theAgencyHeadIsEMailedWhenAPhoneIsLost() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("61", URI.create("http://localhost:" + port));
        KhlangUser head = fixtures.head(enrolled.person().registrar(), enrolled.person().agency());
        lost.reportBySelf(enrolled.person().username(), Fixtures.GOOD_PASSWORD,
                java.time.LocalDate.now(fixtures.clock())).orElseThrow();

        String headEmail = fixtures.emailOf(head.accountId());
        List<MimeMessage> received = mailTo(headEmail);
        assertThat(received).isNotEmpty();
        assertThat(GreenMailUtil.getBody(received.getLast())).contains("3");
    }

    @Test
    void aPersonsTicketPagesNeedSigningIn() throws Exception {
        mvc.perform(get("/help/tickets")).andExpect(status().is3xxRedirection());
        KhlangUser helpdesk = fixtures.helpdesk();
        mvc.perform(get("/helpdesk/tickets").with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                        helpdesk, null, List.of(new SimpleGrantedAuthority("ROLE_HELPDESK"),
                                new SimpleGrantedAuthority("SIGNED_IN"))))))
                .andExpect(status().isOk());
    }
}
