package org.khlang.support;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.SoftTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R12")
class LostPhoneWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokens softTokens;

    @Autowired
    LostDevices lost;

    @LocalServerPort
    int port;

    SoftTokenFixtures.Enrolled enrolled;
    KhlangUser head;

    @BeforeEach
    void enrolled() {
        enrolled = tokens.enrolled("49", URI.create("http://localhost:" + port));
        head = fixtures.head(enrolled.person().registrar(), enrolled.person().agency());
    }

    static RequestPostProcessor as(KhlangUser user, String... roles) {
        List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(java.util.Arrays.stream(roles)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        authorities.add(new SimpleGrantedAuthority("SIGNED_IN"));
        authorities.add(new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    @Test
    void anyoneCanOpenTheLostPhonePageAndTheRightPasswordSuspendsAtOnce() throws Exception {
        mvc.perform(get("/login")).andExpect(content().string(containsString("/lost-phone")));
        mvc.perform(get("/lost-phone")).andExpect(status().isOk())
                .andExpect(content().string(containsString("0 2032 2636")));
        String today = java.time.LocalDate.now(fixtures.clock()).toString();
        mvc.perform(post("/lost-phone").with(csrf()).param("username", enrolled.person().username())
                        .param("password", "not the password at all").param("lossDate", today))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")));
        assertThat(softTokens.activeDevice(enrolled.person().accountId())).isPresent();
        mvc.perform(post("/lost-phone").param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD).param("lossDate", today)).andExpect(status().isForbidden());

        mvc.perform(post("/lost-phone").with(csrf()).param("username", enrolled.person().username())
                        .param("password", Fixtures.GOOD_PASSWORD).param("lossDate", today))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ระงับ Soft Token แล้ว")));
        assertThat(softTokens.activeDevice(enrolled.person().accountId())).isEmpty();
        mvc.perform(get("/notices").with(as(head, "AGENCY_HEAD"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("สูญหาย")));
    }

    @Test
    void theHelpdeskSuspendsTheHeadFilesAndTheRegistrarAcceptsAndApprovesANewPhone() throws Exception {
        KhlangUser helpdesk = fixtures.helpdesk();
        mvc.perform(get("/helpdesk").param("q", enrolled.person().username()).with(as(helpdesk, "HELPDESK")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("helpdesk-lost")));
        mvc.perform(post("/helpdesk/people/" + enrolled.person().accountId() + "/lost").with(as(helpdesk, "HELPDESK"))
                        .with(csrf()).param("lossDate", java.time.LocalDate.now(fixtures.clock()).toString())
                        .param("callNote", "โทรแจ้งว่าโทรศัพท์ตกน้ำ"))
                .andExpect(flash().attributeExists("notice"));
        assertThat(softTokens.activeDevice(enrolled.person().accountId())).isEmpty();
        long reportId = lost.forAccount(enrolled.person().accountId()).getFirst().id();

        mvc.perform(get("/agency/lost-phones").with(as(head, "AGENCY_HEAD"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(enrolled.person().username())));
        mvc.perform(multipart("/agency/lost-phones/" + reportId + "/letter").file(new MockMultipartFile("file",
                        "letter.pdf", "application/pdf", Fixtures.SAMPLE_PDF)).with(as(head, "AGENCY_HEAD")).with(csrf()))
                .andExpect(flash().attributeExists("notice"));

        KhlangUser registrar = enrolled.person().registrar();
        mvc.perform(get("/registrar/lost-phones").with(as(registrar, "REGISTRAR"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("letter.pdf")));
        mvc.perform(get("/registrar/lost-phones/" + reportId + "/letter").with(as(registrar, "REGISTRAR")))
                .andExpect(status().isOk());
        mvc.perform(post("/registrar/lost-phones/" + reportId + "/accept").with(as(registrar, "REGISTRAR")).with(csrf()))
                .andExpect(flash().attributeExists("notice"));
        mvc.perform(post("/registrar/lost-phones/" + reportId + "/replacement").with(as(registrar, "REGISTRAR"))
                .with(csrf())).andExpect(flash().attributeExists("notice"));
        assertThat(lost.find(reportId).orElseThrow().replacementApprovedAt()).isNotNull();

        mvc.perform(get("/helpdesk").with(as(head, "AGENCY_HEAD"))).andExpect(status().isForbidden());
    }
}
