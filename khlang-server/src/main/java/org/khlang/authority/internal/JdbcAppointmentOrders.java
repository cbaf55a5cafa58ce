package org.khlang.authority.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.AccountDirectory;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AppointmentOrder;
import org.khlang.authority.AppointmentOrders;
import org.khlang.authority.Assignment;
import org.khlang.authority.AuthorityProperties;
import org.khlang.authority.Confirmations;
import org.khlang.authority.NewAssignment;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.OrderKind;
import org.khlang.authority.OrderState;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.authority.RightsChanged;
import org.khlang.authority.SegregationOfDuties;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcAppointmentOrders implements AppointmentOrders {

    private static final String ORDER_COLUMNS = "id, agency_id, order_number, order_date, signatory, state, file_name,"
            + " file_sha256, file_size, submitted_at, reviewed_at, review_reason, kind";

    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final Rights rights;
    private final AccountDirectory accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuthorityProperties properties;
    private final Confirmations confirmations;

    JdbcAppointmentOrders(JdbcClient jdbc, Agencies agencies, Rights rights, AccountDirectory accounts, AuditLog audit,
                          ApplicationEventPublisher events, Clock clock, AuthorityProperties properties,
                          Confirmations confirmations) {
        this.confirmations = confirmations;
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.rights = rights;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public AppointmentOrder draft(long agencyId, String number, LocalDate date, String signatory, Actor head) {
        return insertDraft(headOf(agencyId, head), number, date, signatory, OrderKind.AGENCY, head);
    }

    @Override
    @Transactional
    public AppointmentOrder draftHeadAppointment(long agencyId, String number, LocalDate date, String signatory,
                                                 Actor registrar) {
        return insertDraft(servedBy(agencyId, registrar), number, date, signatory, OrderKind.HEAD, registrar);
    }

    private AppointmentOrder insertDraft(Agency agency, String number, LocalDate date, String signatory,
                                         OrderKind kind, Actor author) {
        long agencyId = agency.id();
        if (number == null || number.isBlank() || number.length() > 50 || date == null || signatory == null
                || signatory.isBlank() || signatory.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.invalid");
        }
        if (jdbc.sql("select count(*) from appointment_order where agency_id = ? and order_number = ?")
                .params(agencyId, number.strip()).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.duplicate", number.strip());
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into appointment_order (agency_id, order_number, order_date, signatory, state,
                                                       kind, created_by, created_at)
                        values (?, ?, ?, ?, 'DRAFT', ?, ?, ?)""")
                .params(agencyId, number.strip(), date, signatory.strip(), kind.name(), author.accountId(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(entry("authority.order.drafted", author, agency.id(), id).with("number", number.strip())
                .with("kind", kind).build());
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public AppointmentOrder addAssignment(long orderId, NewAssignment assignment, Actor head) {
        AppointmentOrder order = draftOf(orderId, head);
        boolean headRight = assignment.right() == Right.AGENCY_HEAD;
        if (headRight != (order.kind() == OrderKind.HEAD) || headRight && !order.assignments().isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.right.notAppointable");
        }
        if (!accounts.agencyOf(assignment.accountId()).map(agency -> agency == order.agencyId()).orElse(false)) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.person.otherAgency");
        }
        List<Assignment> planned = new ArrayList<>(order.assignments());
        Assignment added = new Assignment(assignment.accountId(), assignment.right(), assignment.substitute(),
                assignment.effectiveFrom(), assignment.effectiveTo(), assignment.duties(),
                assignment.controlGuidelines(), assignment.credentialCustody(), assignment.ends());
        if (added.ends() && rights.history(added.accountId()).stream().noneMatch(grant -> grant.right() == added.right()
                && grant.agencyId() != null && grant.agencyId() == order.agencyId()
                && (grant.effectiveTo() == null || !grant.effectiveTo().isBefore(added.effectiveFrom())))) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.end.nothing");
        }
        planned.add(added);
        checkSegregation(order.agencyId(), planned);
        jdbc.sql("""
                        insert into appointment (order_id, account_id, right_code, substitute, effective_from,
                                                 effective_to, duties, control_guidelines, credential_custody, ends)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, added.accountId(), added.right().name(), added.substitute(), added.effectiveFrom(),
                        added.effectiveTo(), added.duties(), added.controlGuidelines(), added.credentialCustody(),
                        added.ends())
                .update();
        audit.append(entry("authority.order.assignmentAdded", head, order.agencyId(), orderId)
                .with("account", added.accountId()).with("right", added.right())
                .with("substitute", added.substitute()).with("from", added.effectiveFrom())
                .with("to", added.effectiveTo()).with("ends", added.ends()).build());
        return find(orderId).orElseThrow();
    }

    @Override
    @Transactional
    public AppointmentOrder attach(long orderId, String fileName, byte[] content, Actor head) {
        AppointmentOrder order = draftOf(orderId, head);
        checkPdf(content);
        String name = fileName == null || fileName.isBlank() ? "order.pdf" : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        String sha256 = sha256(content);
        jdbc.sql("update appointment_order set file_name = ?, file_sha256 = ?, file_size = ?, file_content = ?,"
                        + " version = version + 1 where id = ?")
                .params(name, sha256, content.length, content, orderId).update();
        audit.append(entry("authority.order.fileAttached", head, order.agencyId(), orderId).with("sha256", sha256)
                .with("size", content.length).build());
        return find(orderId).orElseThrow();
    }

    /** A PDF by its content, not its name: the header and the end-of-file marker, within the size limit. */
    void checkPdf(byte[] content) {
        if (content == null || content.length == 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.file.required");
        }
        if (content.length > properties.orderFileMaxBytes()) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.file.tooLarge", properties.orderFileMaxBytes() / 1024
                    / 1024);
        }
        String head = new String(content, 0, Math.min(content.length, 8), StandardCharsets.ISO_8859_1);
        int tailStart = Math.max(0, content.length - 1024);
        String tail = new String(content, tailStart, content.length - tailStart, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("%PDF-1.") && !head.startsWith("%PDF-2.") || !tail.contains("%%EOF")) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.file.notPdf");
        }
    }

    @Override
    @Transactional
    public String askToSubmit(long orderId, Actor head) {
        AppointmentOrder order = readyToSubmit(orderId, head);
        Agency agency = agencies.byId(order.agencyId()).orElseThrow();
        return confirmations.ask(head.accountId(), "ยืนยันการส่งคำสั่งมอบหมายที่ " + order.number(),
                "Submit appointment order " + order.number(), java.util.Map.of("agency", agency.nameTh(),
                        "order", order.number(), "assignments", Integer.toString(order.assignments().size()),
                        "file", String.valueOf(order.fileSha256())), canonicalHash(order, "SUBMIT", null));
    }

    @Override
    @Transactional
    public AppointmentOrder submit(long orderId, String confirmationId, Actor head) {
        AppointmentOrder order = readyToSubmit(orderId, head);
        String hash = canonicalHash(order, "SUBMIT", null);
        String decision = confirmations.consume(confirmationId, head.accountId(), hash)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "order.confirmation.missing"));
        jdbc.sql("update appointment_order set state = 'SUBMITTED', submitted_by = ?, submitted_at = ?,"
                        + " content_sha256 = ?, submit_decision = ?, version = version + 1 where id = ? and state = 'DRAFT'")
                .params(head.accountId(), OffsetDateTime.now(clock), hash, decision, orderId).update();
        audit.append(entry("authority.order.submitted", head, order.agencyId(), orderId)
                .with("sha256", hash).with("file", order.fileSha256())
                .with("assignments", order.assignments().size()).build());
        return find(orderId).orElseThrow();
    }

    private AppointmentOrder readyToSubmit(long orderId, Actor head) {
        AppointmentOrder order = draftOf(orderId, head);
        if (!order.hasFile()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.file.required");
        }
        if (order.assignments().isEmpty()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.assignments.required");
        }
        checkSegregation(order.agencyId(), order.assignments());
        return order;
    }

    @Override
    @Transactional
    public String askToReview(long orderId, boolean approve, String reason, Actor registrar) {
        AppointmentOrder order = submittedFor(orderId, registrar);
        String cleaned = approve ? null : rejectionReason(reason);
        Agency agency = agencies.byId(order.agencyId()).orElseThrow();
        return confirmations.ask(registrar.accountId(),
                (approve ? "อนุมัติ" : "ไม่อนุมัติ") + "คำสั่งมอบหมายที่ " + order.number(),
                (approve ? "Approve" : "Reject") + " appointment order " + order.number(),
                java.util.Map.of("agency", agency.nameTh(), "order", order.number(),
                        "assignments", Integer.toString(order.assignments().size()),
                        "reason", cleaned == null ? "-" : cleaned),
                canonicalHash(order, approve ? "APPROVE" : "REJECT", cleaned));
    }

    @Override
    @Transactional
    public AppointmentOrder approve(long orderId, String confirmationId, Actor registrar) {
        AppointmentOrder order = submittedFor(orderId, registrar);
        String decision = confirmed(order, confirmationId, "APPROVE", null, registrar);
        Set<Long> changed = new LinkedHashSet<>();
        // Endings first, so that a right replaced in the same order no longer overlaps its successor (R10).
        for (Assignment ending : order.assignments().stream().filter(Assignment::ends).toList()) {
            rights.end(ending.accountId(), ending.right(), order.agencyId(), ending.effectiveFrom().minusDays(1),
                    "order:" + order.id() + ":" + order.number(), registrar);
            changed.add(ending.accountId());
        }
        for (Assignment assignment : order.assignments().stream().filter(a -> !a.ends()).toList()) {
            // Rights.grant locks the holder's grants for the agency and refuses an R10 conflict: the whole approval
            // rolls back, so an order is granted entirely or not at all.
            rights.grant(new NewRightGrant(assignment.accountId(), assignment.right(), order.agencyId(), null,
                    assignment.substitute(), assignment.effectiveFrom(), assignment.effectiveTo(), "ORDER",
                    "order:" + order.id() + ":" + order.number()), registrar);
            changed.add(assignment.accountId());
        }
        review(order, OrderState.APPROVED, null, decision, registrar);
        events.publishEvent(new RightsChanged(changed, order.id(), order.number()));
        return find(orderId).orElseThrow();
    }

    @Override
    @Transactional
    public AppointmentOrder reject(long orderId, String reason, String confirmationId, Actor registrar) {
        AppointmentOrder order = submittedFor(orderId, registrar);
        String cleaned = rejectionReason(reason);
        String decision = confirmed(order, confirmationId, "REJECT", cleaned, registrar);
        review(order, OrderState.REJECTED, cleaned, decision, registrar);
        return find(orderId).orElseThrow();
    }

    private static String rejectionReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.reason.required");
        }
        return reason.strip();
    }

    private String confirmed(AppointmentOrder order, String confirmationId, String decision, String reason,
                             Actor registrar) {
        return confirmations.consume(confirmationId, registrar.accountId(), canonicalHash(order, decision, reason))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "order.confirmation.missing"));
    }

    /**
     * The SHA-256 the phone signs: the order as it stands (number, date, agency, file hash, every assignment)
     * with the decision taken on it. Change anything and the confirmation no longer fits.
     */
    static String canonicalHash(AppointmentOrder order, String decision, String reason) {
        StringBuilder content = new StringBuilder().append("khlang-order-v1|").append(order.kind()).append('|')
                .append(decision).append('|')
                .append(order.id()).append('|').append(order.agencyId()).append('|').append(order.number()).append('|')
                .append(order.date()).append('|').append(order.fileSha256()).append('|').append(reason);
        for (Assignment assignment : order.assignments()) {
            content.append('|').append(assignment.accountId()).append(',').append(assignment.right()).append(',')
                    .append(assignment.substitute()).append(',').append(assignment.effectiveFrom()).append(',')
                    .append(assignment.effectiveTo()).append(',').append(assignment.ends());
        }
        return sha256(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void review(AppointmentOrder order, OrderState state, String reason, String decision, Actor registrar) {
        int updated = jdbc.sql("update appointment_order set state = ?, reviewed_by = ?, reviewed_at = ?,"
                        + " review_reason = ?, review_decision = ?, version = version + 1 where id = ?"
                        + " and state = 'SUBMITTED'")
                .params(state.name(), registrar.accountId(), OffsetDateTime.now(clock), reason, decision, order.id())
                .update();
        if (updated != 1) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.state", order.state());
        }
        audit.append(entry("authority.order." + (state == OrderState.APPROVED ? "approved" : "rejected"), registrar,
                order.agencyId(), order.id()).with("reason", reason).with("sha256", order.fileSha256()).build());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AppointmentOrder> find(long orderId) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from appointment_order where id = ?").param(orderId)
                .query((rs, row) -> order(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentOrder> forAgency(long agencyId) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from appointment_order where agency_id = ?"
                        + " order by created_at desc fetch first 200 rows only")
                .param(agencyId).query((rs, row) -> order(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentOrder> queue(Actor registrar) {
        Set<Long> offices = rights.registrarOfficesOf(registrar.accountId(), LocalDate.now(clock));
        if (offices.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + ORDER_COLUMNS + " from appointment_order where state = 'SUBMITTED'"
                        + " and agency_id in (select id from agency where registrar_office_id in (:offices))"
                        + " order by submitted_at fetch first 200 rows only")
                .param("offices", offices).query((rs, row) -> order(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] file(long orderId, Actor reader) {
        AppointmentOrder order = find(orderId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
        Agency agency = agencies.byId(order.agencyId()).orElseThrow();
        LocalDate today = LocalDate.now(clock);
        boolean mayRead = rights.servesAgency(reader.accountId(), agency, today)
                || rights.effectiveOn(reader.accountId(), today).stream().anyMatch(grant ->
                (grant.right() == Right.AGENCY_HEAD || grant.right() == Right.INTERNAL_AUDITOR)
                        && grant.agencyId() != null && grant.agencyId() == agency.id());
        if (!mayRead || !order.hasFile()) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound");
        }
        return jdbc.sql("select file_content from appointment_order where id = ?").param(orderId)
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    /**
     * R10 before anything is saved: no person may hold both approver rights for the agency at overlapping times,
     * counting the rights they hold now (from any order or migration) and every assignment of this order.
     */
    private void checkSegregation(long agencyId, List<Assignment> planned) {
        for (int i = 0; i < planned.size(); i++) {
            Assignment candidate = planned.get(i);
            if (candidate.ends()) {
                continue;
            }
            List<RightGrant> held = endedBy(planned, rights.history(candidate.accountId()));
            for (int j = 0; j < planned.size(); j++) {
                Assignment other = planned.get(j);
                if (j != i && other.accountId() == candidate.accountId() && !other.ends()) {
                    held.add(new RightGrant(0, other.accountId(), other.right(), agencyId, null, other.substitute(),
                            other.effectiveFrom(), other.effectiveTo(), "ORDER", "this order"));
                }
            }
            Optional<RightGrant> conflict = SegregationOfDuties.conflict(candidate.right(), agencyId,
                    candidate.effectiveFrom(), candidate.effectiveTo(), held);
            if (conflict.isPresent()) {
                audit.appendRefusal(AuditEntry.of("authority.order.refused").agency(agencyId)
                        .target("account:" + candidate.accountId()).with("rule", "R10")
                        .with("right", candidate.right()).with("conflictsWith", conflict.get().right()).build());
                throw new KhlangProblem(ProblemKind.CONFLICT, "rights.segregation.person",
                        accounts.displayName(candidate.accountId()), candidate.right(), conflict.get().right(),
                        conflict.get().effectiveFrom(), conflict.get().effectiveTo() == null ? "-"
                        : conflict.get().effectiveTo());
            }
        }
    }

    /** The person's grants as they will stand once this order's endings apply. */
    private static List<RightGrant> endedBy(List<Assignment> planned, List<RightGrant> grants) {
        List<RightGrant> result = new ArrayList<>();
        for (RightGrant grant : grants) {
            LocalDate to = grant.effectiveTo();
            for (Assignment ending : planned) {
                if (ending.ends() && ending.accountId() == grant.accountId() && ending.right() == grant.right()
                        && (to == null || !to.isBefore(ending.effectiveFrom()))) {
                    to = ending.effectiveFrom().minusDays(1);
                }
            }
            if (to == null || !to.isBefore(grant.effectiveFrom())) {
                result.add(new RightGrant(grant.id(), grant.accountId(), grant.right(), grant.agencyId(),
                        grant.registrarOfficeId(), grant.substitute(), grant.effectiveFrom(), to, grant.source(),
                        grant.sourceReference()));
            }
        }
        return result;
    }

    private Agency headOf(long agencyId, Actor head) {
        Agency agency = agencies.byId(agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFound"));
        boolean isHead = rights.effectiveOn(head.accountId(), LocalDate.now(clock)).stream()
                .anyMatch(grant -> grant.right() == Right.AGENCY_HEAD && grant.agencyId() != null
                        && grant.agencyId() == agencyId);
        if (!isHead) {
            audit.appendRefusal(AuditEntry.of("authority.order.refused").by(head.username(), head.accountId())
                    .agency(agencyId).with("reason", "NOT_HEAD").build());
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "order.notHead");
        }
        return agency;
    }

    private AppointmentOrder draftOf(long orderId, Actor author) {
        AppointmentOrder order = locked(orderId);
        if (order.kind() == OrderKind.HEAD) {
            servedBy(order.agencyId(), author);
        } else {
            headOf(order.agencyId(), author);
        }
        if (order.state() != OrderState.DRAFT) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.state", order.state());
        }
        return order;
    }

    private AppointmentOrder submittedFor(long orderId, Actor registrar) {
        AppointmentOrder order = locked(orderId);
        Agency agency = agencies.byId(order.agencyId()).orElseThrow();
        if (!rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock))) {
            audit.appendRefusal(AuditEntry.of("authority.order.refused").by(registrar.username(), registrar.accountId())
                    .agency(agency.id()).target("order:" + orderId).with("reason", "NOT_SERVING").build());
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "registrar.notServing", agency.code().value());
        }
        if (order.state() != OrderState.SUBMITTED) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "order.state", order.state());
        }
        if (order.kind() == OrderKind.HEAD && jdbc.sql("select submitted_by from appointment_order where id = ?")
                .param(orderId).query(Long.class).single().equals(registrar.accountId())) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "order.fourEyes");
        }
        return order;
    }

    private Agency servedBy(long agencyId, Actor registrar) {
        Agency agency = agencies.byId(agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFound"));
        if (!rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock))) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "registrar.notServing", agency.code().value());
        }
        return agency;
    }

    private AppointmentOrder locked(long orderId) {
        jdbc.sql("select id from appointment_order where id = ? for update").param(orderId).query(Long.class)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "order.notFound"));
        return find(orderId).orElseThrow();
    }

    private AppointmentOrder order(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Assignment> assignments = jdbc.sql("""
                        select account_id, right_code, substitute, effective_from, effective_to, duties,
                               control_guidelines, credential_custody, ends
                        from appointment where order_id = ? order by id""")
                .param(id)
                .query((row, n) -> new Assignment(row.getLong(1), Right.valueOf(row.getString(2)), row.getBoolean(3),
                        row.getObject(4, LocalDate.class), row.getObject(5, LocalDate.class), row.getString(6),
                        row.getString(7), row.getString(8), row.getBoolean(9)))
                .list();
        int size = rs.getInt("file_size");
        Integer fileSize = rs.wasNull() ? null : size;
        return new AppointmentOrder(id, rs.getLong("agency_id"), rs.getString("order_number"),
                rs.getObject("order_date", LocalDate.class), rs.getString("signatory"),
                OrderState.valueOf(rs.getString("state")), rs.getString("file_name"), rs.getString("file_sha256"),
                fileSize, assignments, instant(rs, "submitted_at"), instant(rs, "reviewed_at"),
                rs.getString("review_reason"), OrderKind.valueOf(rs.getString("kind")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static AuditEntry.Builder entry(String action, Actor actor, long agencyId, long orderId) {
        return AuditEntry.of(action).by(actor.username(), actor.accountId()).agency(agencyId)
                .target("order:" + orderId);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
