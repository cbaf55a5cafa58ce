package org.khlang.authority;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.Passwords;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AppointmentOrderIntegrationTests {

    static final byte[] PDF = Fixtures.SAMPLE_PDF;

    @Autowired
    AppointmentOrders orders;

    @Autowired
    Rights rights;

    @Autowired
    Passwords passwords;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    SoftTokenFixtures tokens;

    KhlangAuthenticator headPhone;
    KhlangAuthenticator registrarPhone;
    KhlangUser registrar;
    Agency agency;
    KhlangUser head;
    LocalDate today;

    @BeforeEach
    void agencyWithHead() {
        today = LocalDate.now(clock);
        registrar = fixtures.registrar(fixtures.office("67"));
        agency = fixtures.localAgency("67");
        head = fixtures.head(registrar, agency);
        tokens.openWindow(agency, registrar);
        URI server = URI.create("http://localhost:" + port);
        headPhone = tokens.bindPhone(head.accountId(), head.username(), server);
        registrarPhone = tokens.bindPhone(registrar.accountId(), registrar.username(), server);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @Tag("R8")
    void rightsComeOnlyFromAnApprovedOrderAndStartAndEndOnTheirDates() {
        IssuedCredential recorder = person();
        IssuedCredential approver = person();
        AppointmentOrder order = orders.draft(agency.id(), "คสม. 1/2569", today, "นายก อบต.", head.actor());
        orders.addAssignment(order.id(), assignment(recorder, Right.RECORDER, false, today, null), head.actor());
        orders.addAssignment(order.id(), assignment(approver, Right.WITHDRAWAL_APPROVER, false, today.plusDays(10),
                today.plusDays(40)), head.actor());
        orders.attach(order.id(), "order.pdf", PDF, head.actor());
        submit(order.id());
        assertThat(rights.effectiveOn(recorder.account().id(), today)).isEmpty();

        AppointmentOrder approved = approve(order.id());

        assertThat(approved.state()).isEqualTo(OrderState.APPROVED);
        assertThat(rights.effectiveOn(recorder.account().id(), today)).extracting(RightGrant::right)
                .containsExactly(Right.RECORDER);
        assertThat(rights.effectiveOn(approver.account().id(), today)).isEmpty();
        assertThat(rights.effectiveOn(approver.account().id(), today.plusDays(10))).extracting(RightGrant::right)
                .containsExactly(Right.WITHDRAWAL_APPROVER);
        assertThat(rights.effectiveOn(approver.account().id(), today.plusDays(41))).isEmpty();
        assertThat(rights.history(recorder.account().id()).getFirst().source()).isEqualTo("ORDER");
    }

    @Test
    @Tag("R11")
    void everyoneWhoseRightsChangedMustChangeThePasswordBeforeAnythingElse() {
        IssuedCredential recorder = person();
        assertThat(passwords.status(recorder.account().id()).mustChange()).isFalse();

        approvedOrder(assignment(recorder, Right.RECORDER, false, today, null));

        assertThat(passwords.status(recorder.account().id()).mustChange()).isTrue();
    }

    @Test
    @Tag("R10")
    void bothApproverRightsInOneOrderAreRefusedNamingThePerson() {
        IssuedCredential person = person();
        AppointmentOrder order = orders.draft(agency.id(), "1/2569", today, "นายก", head.actor());
        orders.addAssignment(order.id(), assignment(person, Right.WITHDRAWAL_APPROVER, false, today, null),
                head.actor());

        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false,
                today.plusDays(5), null), head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo("rights.segregation.person");
                    assertThat(problem.arguments()[0].toString()).contains(person.account().username().value());
                });
        assertThat(audit.latest(1).getFirst().action()).isEqualTo("authority.order.refused");
    }

    @Test
    @Tag("R10")
    void aSubstituteAssignmentCannotCombineTheTwoApproverRights() {
        IssuedCredential person = person();
        AppointmentOrder order = orders.draft(agency.id(), "2/2569", today, "นายก", head.actor());
        orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false, today, null), head.actor());

        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(person, Right.WITHDRAWAL_APPROVER, true,
                today, today.plusDays(3)), head.actor())).isInstanceOf(KhlangProblem.class);
    }

    @Test
    @Tag("R10")
    void aSecondOrderCannotGiveTheOtherApproverRightAtOverlappingTimesButMayAfterItEnds() {
        IssuedCredential person = person();
        approvedOrder(assignment(person, Right.WITHDRAWAL_APPROVER, false, today, today.plusDays(30)));

        AppointmentOrder second = orders.draft(agency.id(), "4/2569", today, "นายก", head.actor());
        assertThatThrownBy(() -> orders.addAssignment(second.id(), assignment(person, Right.PAYMENT_APPROVER, false,
                today.plusDays(30), null), head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("rights.segregation.person"));

        AppointmentOrder later = orders.addAssignment(second.id(), assignment(person, Right.PAYMENT_APPROVER, false,
                today.plusDays(31), null), head.actor());
        assertThat(later.assignments()).hasSize(1);
    }

    @Test
    @Tag("R10")
    void aMigratedLegacyApproverCannotBeAppointedTheOtherApprover() {
        IssuedCredential person = person();
        fixtures.grantMigrated(person.account().id(), Right.WITHDRAWAL_APPROVER, agency);
        AppointmentOrder order = orders.draft(agency.id(), "5/2569", today, "นายก", head.actor());

        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false,
                today, null), head.actor())).isInstanceOf(KhlangProblem.class);
    }

    @Test
    @Tag("R10")
    void aConflictArisingBetweenSubmissionAndApprovalStopsTheWholeApproval() {
        IssuedCredential person = person();
        IssuedCredential other = person();
        AppointmentOrder order = orders.draft(agency.id(), "6/2569", today, "นายก", head.actor());
        orders.addAssignment(order.id(), assignment(other, Right.RECORDER, false, today, null), head.actor());
        orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false, today, null), head.actor());
        orders.attach(order.id(), "order.pdf", PDF, head.actor());
        submit(order.id());
        fixtures.grantMigrated(person.account().id(), Right.WITHDRAWAL_APPROVER, agency); // meanwhile

        assertThatThrownBy(() -> approve(order.id())).isInstanceOf(KhlangProblem.class);

        assertThat(orders.find(order.id()).orElseThrow().state()).isEqualTo(OrderState.SUBMITTED);
        assertThat(rights.history(other.account().id())).isEmpty(); // nothing half-granted
    }

    @Test
    @Tag("R8")
    void theOrderFileMustBeARealPdfWithinTheSizeLimit() {
        AppointmentOrder order = orders.draft(agency.id(), "7/2569", today, "นายก", head.actor());
        byte[] disguised = "this is a Word file renamed to order.pdf".getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, huge, 0, 9);

        assertThatThrownBy(() -> orders.attach(order.id(), "order.pdf", disguised, head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.file.notPdf"));
        assertThatThrownBy(() -> orders.attach(order.id(), "order.pdf", huge, head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.file.tooLarge"));
        assertThatThrownBy(() -> orders.askToSubmit(order.id(), head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.file.required"));
        AppointmentOrder attached = orders.attach(order.id(), "คำสั่ง.pdf", PDF, head.actor());
        assertThat(attached.fileSha256()).hasSize(64);
        assertThat(orders.file(order.id(), registrar.actor())).isEqualTo(PDF);
    }

    @Test
    @Tag("R8")
    void onlyTheAgencysHeadDraftsAndOnlyItsPeopleAreAppointed() {
        Agency elsewhere = fixtures.localAgency("67");
        assertThatThrownBy(() -> orders.draft(elsewhere.id(), "8/2569", today, "นายก", head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.notHead"));
        IssuedCredential stranger = fixtures.issue(registrar, elsewhere);
        AppointmentOrder order = orders.draft(agency.id(), "9/2569", today, "นายก", head.actor());
        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(stranger, Right.RECORDER, false, today,
                null), head.actor())).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("order.person.otherAgency"));
    }

    @Test
    @Tag("R8")
    void aRegistrarOfAnotherProvinceCannotReviewOrReadTheOrder() {
        AppointmentOrder order = submittedOrder(assignment(person(), Right.RECORDER, false, today, null));
        KhlangUser elsewhere = fixtures.registrar(fixtures.office("70"));

        assertThatThrownBy(() -> orders.askToReview(order.id(), true, null, elsewhere.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("registrar.notServing"));
        assertThatThrownBy(() -> orders.file(order.id(), elsewhere.actor())).isInstanceOf(KhlangProblem.class);
        assertThat(orders.queue(elsewhere.actor())).extracting(AppointmentOrder::id).doesNotContain(order.id());
        assertThat(orders.queue(registrar.actor())).extracting(AppointmentOrder::id).contains(order.id());
    }

    @Test
    @Tag("R11")
    void aSubmittedOrderIsImmutableAndAReviewedOneCannotBeReviewedAgain() {
        IssuedCredential person = person();
        AppointmentOrder order = submittedOrder(assignment(person, Right.RECORDER, false, today, null));

        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(person(), Right.RECORDER, false, today,
                null), head.actor())).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("order.state"));
        assertThatThrownBy(() -> orders.askToReview(order.id(), false, " ", registrar.actor()))
                .isInstanceOf(KhlangProblem.class);
        String confirmation = orders.askToReview(order.id(), false, "ลายมือชื่อไม่ครบ", registrar.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(registrarPhone, confirmation);
        AppointmentOrder rejected = orders.reject(order.id(), "ลายมือชื่อไม่ครบ", confirmation, registrar.actor());
        assertThat(rejected.state()).isEqualTo(OrderState.REJECTED);
        assertThatThrownBy(() -> approve(order.id()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.state"));
        assertThat(rights.history(person.account().id())).isEmpty();
    }

    @Test
    @Tag("R8")
    void submittingAndApprovingNeedThePhonesConfirmationOfExactlyThisOrder() {
        IssuedCredential person = person();
        AppointmentOrder order = orders.draft(agency.id(), "10/2569", today, "นายก", head.actor());
        orders.addAssignment(order.id(), assignment(person, Right.RECORDER, false, today, null), head.actor());
        orders.attach(order.id(), "order.pdf", PDF, head.actor());

        assertThatThrownBy(() -> orders.submit(order.id(), "no-such-confirmation", head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.confirmation.missing"));
        // Confirmed, then changed: the phone approved other content, so the confirmation no longer fits (4.4).
        String confirmation = orders.askToSubmit(order.id(), head.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(headPhone, confirmation);
        orders.addAssignment(order.id(), assignment(person(), Right.RECORDER, false, today, null), head.actor());
        assertThatThrownBy(() -> orders.submit(order.id(), confirmation, head.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.confirmation.missing"));

        AppointmentOrder submitted = submit(order.id());
        assertThat(submitted.state()).isEqualTo(OrderState.SUBMITTED);
        // The head's confirmation cannot approve: the registrar's own phone must.
        String headsReview = orders.askToReview(order.id(), true, null, registrar.actor());
        assertThatThrownBy(() -> orders.approve(order.id(), headsReview, head.actor())).isInstanceOf(KhlangProblem.class);
        assertThat(approve(order.id()).state()).isEqualTo(OrderState.APPROVED);
        assertThat(audit.latest(40)).extracting(org.khlang.audit.AuditRecord::action)
                .contains("softtoken.approval.requested", "authority.order.submitted", "authority.order.approved");
    }

    @Test
    @Tag("R8")
    void theRegistrarAppointsTheHeadWithTheHeadsDocumentAndAnotherRegistrarReviewsIt() {
        IssuedCredential newHead = person();
        AppointmentOrder order = orders.draftHeadAppointment(agency.id(), "คำสั่งจังหวัด 99/2569", today,
                "ผู้ว่าราชการจังหวัด", registrar.actor());
        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(newHead, Right.RECORDER, false, today,
                null), registrar.actor())).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("order.right.notAppointable"));
        orders.addAssignment(order.id(), assignment(newHead, Right.AGENCY_HEAD, false, today, null), registrar.actor());
        orders.attach(order.id(), "head.pdf", PDF, registrar.actor());
        String submission = orders.askToSubmit(order.id(), registrar.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(registrarPhone, submission);
        orders.submit(order.id(), submission, registrar.actor());

        assertThatThrownBy(() -> orders.askToReview(order.id(), true, null, registrar.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("order.fourEyes"));
        KhlangUser colleague = fixtures.registrar(fixtures.office("67"));
        KhlangAuthenticator colleaguePhone = tokens.bindPhone(colleague.accountId(), colleague.username(),
                URI.create("http://localhost:" + port));
        String review = orders.askToReview(order.id(), true, null, colleague.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(colleaguePhone, review);
        orders.approve(order.id(), review, colleague.actor());

        assertThat(rights.effectiveOn(newHead.account().id(), today)).extracting(RightGrant::right)
                .containsExactly(Right.AGENCY_HEAD);
        assertThat(passwords.status(newHead.account().id()).mustChange()).isTrue();
        assertThatThrownBy(() -> orders.draftHeadAppointment(agency.id(), "x", today, "y", head.actor()))
                .isInstanceOf(KhlangProblem.class);
    }

    @Test
    @Tag("R11")
    @Tag("R10")
    void aNewOrderEndsAnEarlierAssignmentAndReplacesItWithoutBreakingSegregation() {
        IssuedCredential person = person();
        approvedOrder(assignment(person, Right.WITHDRAWAL_APPROVER, false, today, null));
        LocalDate change = today.plusDays(10);

        AppointmentOrder order = orders.draft(agency.id(), "11/2569", today, "นายก", head.actor());
        assertThatThrownBy(() -> orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false,
                change, null), head.actor())).isInstanceOf(KhlangProblem.class); // not while approver 1 goes on
        orders.addAssignment(order.id(), NewAssignment.ending(person.account().id(), Right.WITHDRAWAL_APPROVER,
                change), head.actor());
        orders.addAssignment(order.id(), assignment(person, Right.PAYMENT_APPROVER, false, change, null), head.actor());
        orders.attach(order.id(), "order.pdf", PDF, head.actor());
        submit(order.id());
        approve(order.id());

        assertThat(rights.effectiveOn(person.account().id(), change.minusDays(1))).extracting(RightGrant::right)
                .containsExactly(Right.WITHDRAWAL_APPROVER);
        assertThat(rights.effectiveOn(person.account().id(), change)).extracting(RightGrant::right)
                .containsExactly(Right.PAYMENT_APPROVER);
        assertThat(audit.latest(40)).extracting(org.khlang.audit.AuditRecord::action).contains("authority.right.ended");
        AppointmentOrder nothing = orders.draft(agency.id(), "12/2569", today, "นายก", head.actor());
        assertThatThrownBy(() -> orders.addAssignment(nothing.id(), NewAssignment.ending(person().account().id(),
                Right.RECORDER, today), head.actor())).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("order.end.nothing"));
    }

    private AppointmentOrder submit(long orderId) {
        String confirmation = orders.askToSubmit(orderId, head.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(headPhone, confirmation);
        return orders.submit(orderId, confirmation, head.actor());
    }

    private AppointmentOrder approve(long orderId) {
        String confirmation = orders.askToReview(orderId, true, null, registrar.actor());
        org.khlang.support.SoftTokenFixtures.approveOnPhone(registrarPhone, confirmation);
        return orders.approve(orderId, confirmation, registrar.actor());
    }

    private AppointmentOrder approvedOrder(NewAssignment assignment) {
        return approve(submittedOrder(assignment).id());
    }

    private AppointmentOrder submittedOrder(NewAssignment assignment) {
        AppointmentOrder order = orders.draft(agency.id(), "ค." + System.nanoTime() % 1_000_000, today, "นายก",
                head.actor());
        orders.addAssignment(order.id(), assignment, head.actor());
        orders.attach(order.id(), "order.pdf", PDF, head.actor());
        return submit(order.id());
    }

    private IssuedCredential person() {
        IssuedCredential issued = fixtures.issue(registrar, agency);
        fixtures.activate(issued);
        return issued;
    }

    private static NewAssignment assignment(IssuedCredential person, Right right, boolean substitute, LocalDate from,
                                            LocalDate to) {
        return new NewAssignment(person.account().id(), right, substitute, from, to, "บันทึกและตรวจสอบเอกสารเบิกจ่าย",
                "ตรวจสอบโดยหัวหน้าส่วนการคลังทุกวัน", "เก็บรหัสผ่านไว้เป็นความลับ ไม่มอบให้ผู้อื่น");
    }

}
