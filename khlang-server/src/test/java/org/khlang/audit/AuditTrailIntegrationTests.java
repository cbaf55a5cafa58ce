package org.khlang.audit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

@IntegrationTest
@Tag("R14")
class AuditTrailIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog audit;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    KhlangUser auditorOf(Agency agency) {
        KhlangUser registrar = fixtures.registrar(fixtures.office(agency.provinceCode()));
        IssuedCredential issued = fixtures.issue(registrar, agency);
        fixtures.activate(issued);
        fixtures.grantMigrated(issued.account().id(), Right.INTERNAL_AUDITOR, agency);
        return new KhlangUser(issued.account().id(), issued.person().id(), issued.account().username().value(),
                issued.person().fullNameTh(), null, agency.id(), Set.of("INTERNAL_AUDITOR"), Set.of());
    }

    static RequestPostProcessor as(KhlangUser user) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_INTERNAL_AUDITOR"), new SimpleGrantedAuthority("SIGNED_IN"))));
    }

    @Test
    void anAgencysAuditorSearchesAndExportsOnlyItsAgencysEvents() throws Exception {
        Agency mine = fixtures.localAgency("56");
        Agency other = fixtures.localAgency("57");
        audit.append(AuditEntry.of("disbursement.test.mine").by("ผู้บันทึก", null).agency(mine.id())
                .target("withdrawal:4242").build());
        audit.append(AuditEntry.of("disbursement.test.other").by("someone", null).agency(other.id())
                .target("withdrawal:4343").build());
        KhlangUser auditor = auditorOf(mine);

        String page = mvc.perform(get("/audit/trail").param("action", "disbursement.test").with(as(auditor)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("disbursement.test.mine", "withdrawal:4242").doesNotContain("withdrawal:4343");

        byte[] csv = mvc.perform(get("/audit/trail").param("action", "disbursement.test").param("format", "csv")
                .param("agency", Long.toString(other.id())).with(as(auditor))).andReturn().getResponse()
                .getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("seq,occurred_at,actor", "withdrawal:4242", "ผู้บันทึก").doesNotContain("4343");

        byte[] xlsx = mvc.perform(get("/audit/trail").param("target", "withdrawal:4242").param("format", "xlsx")
                .with(as(auditor))).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheetAt(0).getPhysicalNumberOfRows()).isGreaterThan(2);
        }
        assertThat(audit.latest(3)).anySatisfy(event -> assertThat(event.action()).isEqualTo("audit.trail.exported"));
    }

    /**
     * The auditor changes nothing: every state-changing endpoint of the application, found from its request
     * mappings, is refused — except the person's own account, phone, notices, help tickets and sign-out, and
     * verifying the chain.
     */
    @Test
    void theAuditorIsRefusedEveryWriteEndpoint() throws Exception {
        KhlangUser auditor = auditorOf(fixtures.localAgency("58"));
        Pattern personal = Pattern.compile("^/(account/.*|softtoken/.*|notices/.*|help/tickets.*|logout|login.*"
                + "|lost-phone|proofing/.*|oauth2/.*|api/v1/device/.*|api/v1/audit/verifications|audit/verify)$");
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> checked = new ArrayList<>();
        for (var info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]+}", "999999");
                for (RequestMethod method : methods) {
                    if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS
                            || personal.matcher(path).matches()) {
                        continue;
                    }
                    int status = mvc.perform(request(org.springframework.http.HttpMethod.valueOf(method.name()), path)
                            .with(as(auditor)).with(csrf())).andReturn().getResponse().getStatus();
                    // refused by security (403), or by the endpoint before it reads anything (no such thing,
                    // unreadable request); never a success, a redirect after a change, or a failure
                    assertThat(status).as(method + " " + path).isIn(400, 403, 404, 405, 415);
                    checked.add(method + " " + path);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
    }
}
