package org.khlang.authority;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.khlang.support.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The order screens: a head drafts, appoints, attaches and submits; the serving registrar reviews and approves. */
@IntegrationTest
class OrderWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AppointmentOrders orders;

    @Autowired
    MutableClock clock;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    SoftTokenFixtures tokens;

    org.khlang.authenticator.KhlangAuthenticator headPhone;
    org.khlang.authenticator.KhlangAuthenticator registrarPhone;
    KhlangUser registrar;
    Agency agency;
    KhlangUser head;

    @BeforeEach
    void agencyWithHead() {
        registrar = fixtures.registrar(fixtures.office("71"));
        agency = fixtures.localAgency("71");
        head = fixtures.head(registrar, agency);
        tokens.openWindow(agency, registrar);
        java.net.URI server = java.net.URI.create("http://localhost:" + port);
        headPhone = tokens.bindPhone(head.accountId(), head.username(), server);
        registrarPhone = tokens.bindPhone(registrar.accountId(), registrar.username(), server);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @Tag("R8")
    @Tag("R11")
    void aHeadSubmitsAnOrderTheRegistrarApprovesAndTheAppointedPersonsRightsFollowWithoutSigningInAgain()
            throws Exception {
        IssuedCredential recorder = fixtures.issue(registrar, agency);
        fixtures.activate(recorder);
        WebSession recorderSession = new WebSession(mvc);
        recorderSession.perform(post("/login").with(csrf()).param("username", recorder.account().username().value())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/"));
        recorderSession.perform(get("/api/v1/me")).andExpect(jsonPath("$.rights").isEmpty());

        WebSession headBrowser = new WebSession(mvc);
        WebSession registrarBrowser = new WebSession(mvc);
        String location = headBrowser.perform(post("/agency/orders").with(as(head)).with(csrf()).param("number", "1/2569")
                .param("date", "2026-11-26").param("signatory", "นายก อบต.")).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/agency/orders/");
        headBrowser.perform(post(location + "/assignments").with(as(head)).with(csrf())
                .param("accountId", Long.toString(recorder.account().id())).param("right", "RECORDER")
                .param("from", java.time.LocalDate.now(clock).toString()).param("to", "")
                .param("duties", "บันทึกรายการ").param("controlGuidelines", "ตรวจทุกวัน").param("credentialCustody", "เก็บเป็นความลับ"))
                .andExpect(redirectedUrl(location));
        headBrowser.perform(multipart(location + "/file").file(new MockMultipartFile("file", "คำสั่ง.pdf", "application/pdf",
                AppointmentOrderIntegrationTests.PDF)).with(as(head)).with(csrf())).andExpect(redirectedUrl(location));
        headBrowser.perform(post(location + "/submit").with(as(head)).with(csrf()))
                .andExpect(redirectedUrl(location + "/confirm"));
        headBrowser.perform(get(location + "/confirm/status").with(as(head))).andExpect(jsonPath("$.state").value("PENDING"));
        SoftTokenFixtures.approveOnPhone(headPhone, headPhone.pending().getFirst().id());
        headBrowser.perform(get(location + "/confirm/status").with(as(head))).andExpect(jsonPath("$.state").value("APPROVED"));
        headBrowser.perform(post(location + "/confirm").with(as(head)).with(csrf())).andExpect(redirectedUrl(location));
        headBrowser.perform(get(location).with(as(head))).andExpect(content().string(containsString("รอเจ้าหน้าที่ลงทะเบียนพิจารณา")));

        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(get("/registrar/orders").with(as(registrar))).andExpect(content().string(containsString("1/2569")));
        mvc.perform(get("/registrar/orders/" + id + "/file").with(as(registrar))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().exists("X-Content-SHA256"));
        registrarBrowser.perform(post("/registrar/orders/" + id + "/approve").with(as(registrar)).with(csrf()))
                .andExpect(redirectedUrl("/registrar/orders/" + id + "/confirm"));
        SoftTokenFixtures.approveOnPhone(registrarPhone, registrarPhone.pending().getFirst().id());
        registrarBrowser.perform(post("/registrar/orders/" + id + "/confirm").with(as(registrar)).with(csrf()))
                .andExpect(redirectedUrl("/registrar/orders"));

        // R11: the appointed person's next request goes to the password change; then the new right is there.
        recorderSession.perform(get("/")).andExpect(redirectedUrl("/account/password"));
        recorderSession.perform(post("/account/password").with(csrf()).param("current", Fixtures.GOOD_PASSWORD)
                .param("proposed", "a new order a new lantern").param("confirm", "a new order a new lantern"))
                .andExpect(redirectedUrl("/?changed"));
        recorderSession.perform(get("/api/v1/me")).andExpect(jsonPath("$.rights[0]").value("RECORDER"))
                .andExpect(jsonPath("$.softTokenRequired").value(true));
    }

    @Test
    @Tag("R8")
    void aRegistrarDraftsTheHeadsAppointmentOnScreenAndCannotReviewItAlone() throws Exception {
        IssuedCredential newHead = fixtures.issue(registrar, agency);
        WebSession desk = new WebSession(mvc);
        String location = desk.perform(post("/registrar/head-appointments").with(as(registrar)).with(csrf())
                .param("agencyCode", agency.code().value()).param("number", "จ. 7/2569").param("date", "2026-11-26")
                .param("signatory", "ผู้ว่าราชการจังหวัด")).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/registrar/head-appointments/");
        desk.perform(get(location).with(as(registrar))).andExpect(status().isOk())
                .andExpect(content().string(containsString("AGENCY_HEAD")));
        desk.perform(post(location + "/assignments").with(as(registrar)).with(csrf())
                .param("accountId", Long.toString(newHead.account().id())).param("right", "AGENCY_HEAD")
                .param("from", java.time.LocalDate.now(clock).toString()).param("duties", "หัวหน้าหน่วยงาน")
                .param("controlGuidelines", "ตามระเบียบ").param("credentialCustody", "เก็บเป็นความลับ"))
                .andExpect(redirectedUrl(location));
        desk.perform(multipart(location + "/file").file(new MockMultipartFile("file", "head.pdf", "application/pdf",
                Fixtures.SAMPLE_PDF)).with(as(registrar)).with(csrf())).andExpect(redirectedUrl(location));
        desk.perform(post(location + "/submit").with(as(registrar)).with(csrf()))
                .andExpect(redirectedUrl(location + "/confirm"));
        SoftTokenFixtures.approveOnPhone(registrarPhone, registrarPhone.pending().getFirst().id());
        desk.perform(post(location + "/confirm").with(as(registrar)).with(csrf())).andExpect(redirectedUrl(location));

        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(orders.find(id).orElseThrow().state()).isEqualTo(OrderState.SUBMITTED);
        desk.perform(post("/registrar/orders/" + id + "/approve").with(as(registrar)).with(csrf()))
                .andExpect(redirectedUrl("/registrar/orders/" + id));
    }

    @Test
    @Tag("R10")
    void theRightsHistoryAnswersWhoCouldApprovePaymentsOnADate() throws Exception {
        IssuedCredential approver = fixtures.issue(registrar, agency);
        java.time.LocalDate start = java.time.LocalDate.now(clock);
        AppointmentOrder order = orders.draft(agency.id(), "3/2569", start, "นายก", head.actor());
        orders.addAssignment(order.id(), new NewAssignment(approver.account().id(), Right.PAYMENT_APPROVER, false,
                start.plusDays(1), start.plusDays(9), "อนุมัติจ่าย", "ตรวจสอบ", "เก็บรักษา"), head.actor());
        orders.attach(order.id(), "o.pdf", AppointmentOrderIntegrationTests.PDF, head.actor());
        String submission = orders.askToSubmit(order.id(), head.actor());
        SoftTokenFixtures.approveOnPhone(headPhone, submission);
        orders.submit(order.id(), submission, head.actor());
        String review = orders.askToReview(order.id(), true, null, registrar.actor());
        SoftTokenFixtures.approveOnPhone(registrarPhone, review);
        orders.approve(order.id(), review, registrar.actor());
        String path = "/api/v1/registrar/agencies/" + agency.code() + "/holders";

        mvc.perform(get(path).param("right", "PAYMENT_APPROVER").param("date", start.plusDays(5).toString())
                        .with(as(registrar)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].accountId").value(approver.account().id()))
                .andExpect(jsonPath("$[0].source").value("ORDER"));
        mvc.perform(get(path).param("right", "PAYMENT_APPROVER").param("date", start.toString()).with(as(registrar)))
                .andExpect(jsonPath("$").isEmpty());
        mvc.perform(get(path).param("right", "PAYMENT_APPROVER").param("date", start.toString())
                .with(as(fixtures.registrar(fixtures.office("72"))))).andExpect(status().isForbidden());
    }

    @Test
    @Tag("R8")
    void theAgencysInternalAuditorReadsTheOrdersAndDownloadsTheSignedFile() throws Exception {
        IssuedCredential auditor = fixtures.issue(registrar, agency);
        String submission;
        AppointmentOrder order = orders.draft(agency.id(), "5/2569", java.time.LocalDate.now(clock), "นายก",
                head.actor());
        orders.addAssignment(order.id(), new NewAssignment(auditor.account().id(), Right.INTERNAL_AUDITOR, false,
                java.time.LocalDate.now(clock), null, "ตรวจสอบภายใน", "อิสระจากผู้ปฏิบัติ", "เก็บเป็นความลับ"),
                head.actor());
        orders.attach(order.id(), "o.pdf", Fixtures.SAMPLE_PDF, head.actor());
        submission = orders.askToSubmit(order.id(), head.actor());
        SoftTokenFixtures.approveOnPhone(headPhone, submission);
        orders.submit(order.id(), submission, head.actor());
        String review = orders.askToReview(order.id(), true, null, registrar.actor());
        SoftTokenFixtures.approveOnPhone(registrarPhone, review);
        orders.approve(order.id(), review, registrar.actor());
        KhlangUser auditorUser = new KhlangUser(auditor.account().id(), auditor.person().id(),
                auditor.account().username().value(), auditor.person().fullNameTh(), null, agency.id(),
                java.util.Set.of("INTERNAL_AUDITOR"), java.util.Set.of());
        fixtures.activate(auditor);

        mvc.perform(get("/audit/orders").with(as(auditorUser))).andExpect(status().isOk())
                .andExpect(content().string(containsString("5/2569")));
        mvc.perform(get("/audit/orders/" + order.id() + "/file").with(as(auditorUser))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"));
        mvc.perform(post("/agency/orders").with(as(auditorUser)).with(csrf()).param("number", "x")
                .param("date", "2026-11-26").param("signatory", "y")).andExpect(status().isForbidden());
    }

    @Test
    @Tag("R8")
    void othersCannotSeeOrActOnTheAgencysOrders() throws Exception {
        AppointmentOrder order = orders.draft(agency.id(), "2/2569", java.time.LocalDate.now(clock), "นายก",
                head.actor());
        Agency other = fixtures.localAgency("71");
        KhlangUser otherHead = fixtures.head(registrar, other);
        KhlangUser elsewhere = fixtures.registrar(fixtures.office("72"));

        mvc.perform(get("/agency/orders/" + order.id()).with(as(otherHead))).andExpect(status().isNotFound());
        mvc.perform(post("/agency/orders/" + order.id() + "/submit").with(as(otherHead)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/agency/orders").with(as(registrar))).andExpect(status().isForbidden());
        mvc.perform(get("/registrar/orders/" + order.id()).with(as(elsewhere))).andExpect(status().isNotFound());
        mvc.perform(get("/registrar/orders/" + order.id() + "/file").with(as(elsewhere)))
                .andExpect(status().isNotFound());
    }

}
