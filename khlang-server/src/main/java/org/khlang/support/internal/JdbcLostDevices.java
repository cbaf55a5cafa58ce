package org.khlang.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.calendar.BusinessDays;
import org.khlang.calendar.ThaiDates;
import org.khlang.identity.PasswordCheck;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.PersonLookup;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.Device;
import org.khlang.softtoken.SoftTokens;
import org.khlang.support.LostDeviceReport;
import org.khlang.support.LostDevices;
import org.khlang.support.Notices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcLostDevices implements LostDevices {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    static final int LETTER_DAYS = 3;
    static final int MAX_LETTER_BYTES = 10 * 1024 * 1024;

    private static final String COLUMNS = "r.id, r.account_id, r.agency_id, a.username, r.loss_date, r.reported_at,"
            + " r.channel, r.call_note, r.letter_due, r.letter_name, r.letter_sha256, r.letter_filed_at,"
            + " r.letter_accepted_at, r.replacement_approved_at";
    private static final String FROM = " from lost_device_report r join user_account a on a.id = r.account_id";

    private final JdbcClient jdbc;
    private final PasswordCheck passwords;
    private final PersonLookup people;
    private final SoftTokens softTokens;
    private final Rights rights;
    private final Agencies agencies;
    private final BusinessDays businessDays;
    private final Notices notices;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Clock clock;

    JdbcLostDevices(JdbcClient jdbc, PasswordCheck passwords, PersonLookup people, SoftTokens softTokens,
                    Rights rights, Agencies agencies, BusinessDays businessDays, Notices notices, Mailer mailer,
                    AuditLog audit, Clock clock) {
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.people = people;
        this.softTokens = softTokens;
        this.rights = rights;
        this.agencies = agencies;
        this.businessDays = businessDays;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<LostDeviceReport> reportBySelf(String username, String password, LocalDate lossDate) {
        checkLossDate(lossDate);
        Optional<Long> accountId = passwords.verify(username, password);
        if (accountId.isEmpty()) {
            return Optional.empty();
        }
        PersonAccount holder = people.byAccountId(accountId.get()).orElseThrow();
        Actor actor = new Actor(accountId.get(), holder.account().username().value());
        return Optional.of(report(holder, lossDate, LostDeviceReport.Channel.SELF, null, actor));
    }

    @Override
    @Transactional
    public LostDeviceReport reportByHelpdesk(long accountId, LocalDate lossDate, String callNote, Actor helpdesk) {
        requireStaff(helpdesk, Right.HELPDESK);
        checkLossDate(lossDate);
        String note = callNote == null ? "" : callNote.strip();
        if (note.isEmpty() || note.length() > 1000) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.callNote");
        }
        PersonAccount holder = people.byAccountId(accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        return report(holder, lossDate, LostDeviceReport.Channel.HELPDESK, note, helpdesk);
    }

    private LostDeviceReport report(PersonAccount holder, LocalDate lossDate, LostDeviceReport.Channel channel,
                                    String note, Actor actor) {
        long accountId = holder.account().id();
        Optional<Device> device = softTokens.activeDevice(accountId);
        if (device.isEmpty()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.noDevice");
        }
        // Suspended first: pending requests end and every session of the person ends, on every node (R12).
        softTokens.suspend(accountId, "lost phone reported (" + channel + ")", actor);
        LocalDate due = businessDays.plus(lossDate, LETTER_DAYS);
        Long agencyId = holder.person().agencyId();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into lost_device_report (account_id, agency_id, device_id, loss_date, reported_at,
                                                        channel, reported_by, call_note, letter_due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, agencyId, device.get().id(), lossDate, OffsetDateTime.now(clock), channel.name(),
                        actor.accountId(), note, due)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(AuditEntry.of("support.lostDevice.reported").by(actor.username(), actor.accountId())
                .agency(agencyId).device(device.get().id()).target("account:" + accountId).with("report", id)
                .with("channel", channel).with("lossDate", lossDate).with("letterDue", due).build());
        if (agencyId != null) {
            String name = holder.person().fullNameTh();
            for (RightGrant head : rights.holders(agencyId, Right.AGENCY_HEAD, LocalDate.now(clock))) {
                notices.send(head.accountId(), "LOST_DEVICE",
                        "แจ้งโทรศัพท์ (Soft Token) ของ " + name + " สูญหายเมื่อ " + ThaiDates.thaiLong(lossDate)
                                + " ระงับการใช้งานแล้ว โปรดส่งหนังสือแจ้งภายใน " + ThaiDates.thaiLong(due),
                        "The phone (Soft Token) of " + name + " was lost on " + lossDate + " and is suspended. "
                                + "File your letter by " + due + ".", "lost-device:" + id);
                people.byAccountId(head.accountId()).ifPresent(headPerson -> mailer.send(headPerson.person().email(),
                        "แจ้งโทรศัพท์ (Soft Token) สูญหาย", "A Soft Token phone was lost",
                        "โทรศัพท์ (Soft Token) ของ " + name + " สูญหายเมื่อ " + ThaiDates.thaiLong(lossDate)
                                + " ระบบระงับการใช้งานแล้ว\nโปรดส่งหนังสือแจ้งในระบบภายใน " + ThaiDates.thaiLong(due)
                                + " (3 วันทำการ) หากไม่แจ้งภายในกำหนด หน่วยงานต้องรับผิดชอบต่อความเสียหายที่อาจเกิดขึ้น",
                        "The phone (Soft Token) of " + name + " was lost on " + lossDate + " and is suspended.\n"
                                + "File the agency's letter in Khlang by " + due + " (3 business days); otherwise the"
                                + " agency answers for any damage."));
            }
        }
        return find(id).orElseThrow();
    }

    private void checkLossDate(LocalDate lossDate) {
        LocalDate today = LocalDate.now(clock.withZone(BANGKOK));
        if (lossDate == null || lossDate.isAfter(today) || lossDate.isBefore(today.minusDays(90))) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.lossDate");
        }
    }

    @Override
    @Transactional
    public LostDeviceReport fileLetter(long reportId, String fileName, byte[] pdf, Actor head) {
        LostDeviceReport report = lock(reportId);
        if (report.agencyId() == null || !holds(head, report.agencyId(), Right.AGENCY_HEAD)) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
        if (report.letterAcceptedAt() != null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.letter.accepted");
        }
        checkPdf(pdf);
        String name = fileName == null || fileName.isBlank() ? "letter.pdf"
                : fileName.replace('\\', '/').substring(fileName.replace('\\', '/').lastIndexOf('/') + 1).strip();
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        String sha256 = sha256(pdf);
        jdbc.sql("update lost_device_report set letter_name = ?, letter_sha256 = ?, letter_size = ?,"
                        + " letter_content = ?, letter_filed_at = ?, letter_filed_by = ? where id = ?")
                .params(name, sha256, pdf.length, pdf, OffsetDateTime.now(clock), head.accountId(), reportId)
                .update();
        LostDeviceReport filed = find(reportId).orElseThrow();
        audit.append(AuditEntry.of("support.lostDevice.letterFiled").by(head.username(), head.accountId())
                .agency(report.agencyId()).target("lost-device:" + reportId).with("sha256", sha256)
                .with("late", filed.filedLate()).build());
        return filed;
    }

    @Override
    @Transactional
    public LostDeviceReport acceptLetter(long reportId, Actor registrar) {
        LostDeviceReport report = lock(reportId);
        requireServingRegistrar(report, registrar);
        if (report.letterFiledAt() == null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.letter.missing");
        }
        if (report.letterAcceptedAt() != null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.letter.accepted");
        }
        jdbc.sql("update lost_device_report set letter_accepted_at = ?, letter_accepted_by = ? where id = ?")
                .params(OffsetDateTime.now(clock), registrar.accountId(), reportId).update();
        audit.append(AuditEntry.of("support.lostDevice.letterAccepted").by(registrar.username(), registrar.accountId())
                .agency(report.agencyId()).target("lost-device:" + reportId).with("sha256", report.letterSha256())
                .build());
        return find(reportId).orElseThrow();
    }

    @Override
    @Transactional
    public LostDeviceReport approveReplacement(long reportId, Actor registrar) {
        LostDeviceReport report = lock(reportId);
        requireServingRegistrar(report, registrar);
        if (report.letterAcceptedAt() == null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.letter.notAccepted");
        }
        if (report.replacementApprovedAt() != null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "lost.replacement.approved");
        }
        jdbc.sql("update lost_device_report set replacement_approved_at = ?, replacement_approved_by = ? where id = ?")
                .params(OffsetDateTime.now(clock), registrar.accountId(), reportId).update();
        audit.append(AuditEntry.of("support.lostDevice.replacementApproved").by(registrar.username(),
                registrar.accountId()).agency(report.agencyId()).target("lost-device:" + reportId).build());
        return find(reportId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LostDeviceReport> find(long reportId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.id = ?").param(reportId)
                .query((rs, row) -> report(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] letter(long reportId) {
        return jdbc.sql("select letter_content from lost_device_report where id = ? and letter_content is not null")
                .param(reportId).query(byte[].class).optional()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "lost.letter.missing"));
    }

    @Override
    @Transactional(readOnly = true)
    public List<LostDeviceReport> forAgency(long agencyId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.agency_id = ? order by r.id desc fetch first 200 rows only")
                .param(agencyId).query((rs, row) -> report(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LostDeviceReport> forRegistrar(Actor registrar) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("select " + COLUMNS + FROM + " where r.agency_id is not null and"
                        + " (r.letter_accepted_at is null or r.replacement_approved_at is null)"
                        + " order by r.letter_due, r.id fetch first 500 rows only")
                .query((rs, row) -> report(rs)).list().stream()
                .filter(report -> agencies.byId(report.agencyId())
                        .map(agency -> rights.servesAgency(registrar.accountId(), agency, today)).orElse(false))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LostDeviceReport> flagged() {
        return jdbc.sql("select " + COLUMNS + FROM + " order by r.letter_due, r.id fetch first 5000 rows only")
                .query((rs, row) -> report(rs)).list().stream().filter(LostDeviceReport::flagged).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LostDeviceReport> forAccount(long accountId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.account_id = ? order by r.id desc").param(accountId)
                .query((rs, row) -> report(rs)).list();
    }

    private LostDeviceReport lock(long reportId) {
        jdbc.sql("select id from lost_device_report where id = ? for update").param(reportId).query(Long.class)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "lost.notFound"));
        return find(reportId).orElseThrow();
    }

    private boolean holds(Actor actor, long agencyId, Right right) {
        return rights.effectiveOn(actor.accountId(), LocalDate.now(clock)).stream()
                .anyMatch(grant -> grant.right() == right && grant.agencyId() != null && grant.agencyId() == agencyId);
    }

    private void requireStaff(Actor actor, Right right) {
        if (actor.isSystem() || rights.effectiveOn(actor.accountId(), LocalDate.now(clock)).stream()
                .noneMatch(grant -> grant.right() == right)) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
    }

    private void requireServingRegistrar(LostDeviceReport report, Actor registrar) {
        Agency agency = report.agencyId() == null ? null : agencies.byId(report.agencyId()).orElse(null);
        if (agency == null || !rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock))) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
    }

    private LostDeviceReport report(ResultSet rs) throws SQLException {
        long accountId = rs.getLong("account_id");
        Object agency = rs.getObject("agency_id");
        LocalDate due = rs.getObject("letter_due", LocalDate.class);
        Instant filed = instant(rs, "letter_filed_at");
        Instant accepted = instant(rs, "letter_accepted_at");
        LostDeviceReport.Status status;
        if (accepted != null) {
            status = LostDeviceReport.Status.LETTER_ACCEPTED;
        } else if (filed != null) {
            status = LostDeviceReport.Status.LETTER_FILED;
        } else if (clock.instant().isAfter(due.plusDays(1).atStartOfDay(BANGKOK).toInstant())) {
            status = LostDeviceReport.Status.LETTER_OVERDUE;
        } else {
            status = LostDeviceReport.Status.LETTER_DUE;
        }
        String name = people.byAccountId(accountId).map(holder -> holder.person().fullNameTh()).orElse("");
        return new LostDeviceReport(rs.getLong("id"), accountId, agency == null ? null : ((Number) agency).longValue(),
                rs.getString("username"), name, rs.getObject("loss_date", LocalDate.class), instant(rs, "reported_at"),
                LostDeviceReport.Channel.valueOf(rs.getString("channel")), rs.getString("call_note"), due,
                rs.getString("letter_name"), rs.getString("letter_sha256"), filed, accepted,
                instant(rs, "replacement_approved_at"), status);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void checkPdf(byte[] content) {
        if (content == null || content.length == 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.letter.required");
        }
        if (content.length > MAX_LETTER_BYTES) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.letter.tooLarge");
        }
        String head = new String(content, 0, Math.min(8, content.length), StandardCharsets.ISO_8859_1);
        int tail = Math.max(0, content.length - 1024);
        if (!head.startsWith("%PDF-") || !new String(content, tail, content.length - tail, StandardCharsets.ISO_8859_1)
                .contains("%%EOF")) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.letter.notPdf");
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
