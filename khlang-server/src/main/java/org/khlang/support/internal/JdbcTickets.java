package org.khlang.support.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.identity.PersonLookup;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.support.Notices;
import org.khlang.support.Ticket;
import org.khlang.support.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcTickets implements Tickets {

    static final int MAX_OPEN_PER_PERSON = 10;

    private final JdbcClient jdbc;
    private final Rights rights;
    private final PersonLookup people;
    private final Notices notices;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Clock clock;

    JdbcTickets(JdbcClient jdbc, Rights rights, PersonLookup people, Notices notices, Mailer mailer, AuditLog audit,
                Clock clock) {
        this.jdbc = jdbc;
        this.rights = rights;
        this.people = people;
        this.notices = notices;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Ticket open(String subject, String body, Actor person) {
        if (!roomFor(person)) {
            throw new KhlangProblem(ProblemKind.TOO_MANY_REQUESTS, "ticket.tooMany", MAX_OPEN_PER_PERSON);
        }
        return insert(subject, body, person);
    }

    /** Whether the person may open another ticket (fewer than the limit open). */
    public boolean roomFor(Actor person) {
        return jdbc.sql("select count(*) from support_ticket where account_id = ? and state <> 'CLOSED'")
                .param(person.accountId()).query(Long.class).single() < MAX_OPEN_PER_PERSON;
    }

    /** Opens a ticket without the limit's check; in the caller's transaction. */
    public Ticket insert(String subject, String body, Actor person) {
        String title = text(subject, 200, "ticket.subject");
        String message = text(body, 4000, "ticket.body");
        OffsetDateTime now = OffsetDateTime.now(clock);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into support_ticket (account_id, subject, state, created_at, updated_at)"
                        + " values (?, ?, 'OPEN', ?, ?)")
                .params(person.accountId(), title, now, now).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        addMessage(id, person, false, message, now);
        audit.append(AuditEntry.of("support.ticket.opened").by(person.username(), person.accountId())
                .target("ticket:" + id).build());
        return get(id);
    }

    @Override
    @Transactional
    public Ticket reply(long ticketId, String body, Actor author) {
        Ticket ticket = lock(ticketId);
        boolean staff = isHelpdesk(author);
        if (!staff && ticket.accountId() != author.accountId()) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "ticket.notFound");
        }
        if (ticket.state() == Ticket.State.CLOSED) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "ticket.closed");
        }
        String message = text(body, 4000, "ticket.body");
        OffsetDateTime now = OffsetDateTime.now(clock);
        addMessage(ticketId, author, staff, message, now);
        jdbc.sql("update support_ticket set state = ?, updated_at = ? where id = ?")
                .params(staff ? "ANSWERED" : "OPEN", now, ticketId).update();
        audit.append(AuditEntry.of(staff ? "support.ticket.answered" : "support.ticket.replied")
                .by(author.username(), author.accountId()).target("ticket:" + ticketId).build());
        if (staff) {
            notices.send(ticket.accountId(), "TICKET_ANSWERED", "Contact Center ตอบเรื่อง \"" + ticket.subject() + "\" แล้ว",
                    "The Contact Center answered \"" + ticket.subject() + "\"", "ticket:" + ticketId);
            people.byAccountId(ticket.accountId()).ifPresent(holder -> mailer.send(holder.person().email(),
                    "Contact Center ตอบเรื่องของท่าน", "The Contact Center answered you",
                    "เรื่อง: " + ticket.subject() + "\n\n" + message + "\n\nอ่านและตอบกลับได้ที่เมนูขอความช่วยเหลือ",
                    "Subject: " + ticket.subject() + "\n\n" + message + "\n\nRead and reply under Help."));
        }
        return get(ticketId);
    }

    @Override
    @Transactional
    public Ticket close(long ticketId, Actor actor) {
        Ticket ticket = lock(ticketId);
        if (!isHelpdesk(actor) && ticket.accountId() != actor.accountId()) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "ticket.notFound");
        }
        jdbc.sql("update support_ticket set state = 'CLOSED', updated_at = ? where id = ?")
                .params(OffsetDateTime.now(clock), ticketId).update();
        audit.append(AuditEntry.of("support.ticket.closed").by(actor.username(), actor.accountId())
                .target("ticket:" + ticketId).build());
        return get(ticketId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Ticket> find(long ticketId, Actor actor) {
        return load("where t.id = ?", ticketId).stream()
                .filter(ticket -> ticket.accountId() == actor.accountId() || isHelpdesk(actor)).findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ticket> mine(Actor person) {
        return load("where t.account_id = ? order by t.updated_at desc fetch first 100 rows only", person.accountId());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ticket> waiting(Actor helpdesk) {
        if (!isHelpdesk(helpdesk)) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
        return load("where t.state = 'OPEN' order by t.updated_at fetch first 200 rows only");
    }

    private boolean isHelpdesk(Actor actor) {
        return !actor.isSystem() && rights.effectiveOn(actor.accountId(), LocalDate.now(clock)).stream()
                .anyMatch(grant -> grant.right() == Right.HELPDESK);
    }

    private void addMessage(long ticketId, Actor author, boolean staff, String body, OffsetDateTime now) {
        jdbc.sql("insert into support_message (ticket_id, author_id, staff, body, created_at) values (?, ?, ?, ?, ?)")
                .params(ticketId, author.accountId(), staff, body, now).update();
    }

    private Ticket lock(long ticketId) {
        jdbc.sql("select id from support_ticket where id = ? for update").param(ticketId).query(Long.class)
                .optional().orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "ticket.notFound"));
        return get(ticketId);
    }

    private Ticket get(long ticketId) {
        return load("where t.id = ?", ticketId).getFirst();
    }

    private List<Ticket> load(String where, Object... params) {
        return jdbc.sql("select t.id, t.account_id, a.username, t.subject, t.state, t.created_at, t.updated_at"
                        + " from support_ticket t join user_account a on a.id = t.account_id " + where)
                .params(params).query((rs, row) -> ticket(rs)).list();
    }

    private Ticket ticket(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Ticket.Message> messages = jdbc.sql("select id, author_id, staff, body, created_at from support_message"
                        + " where ticket_id = ? order by id").param(id)
                .query((m, row) -> new Ticket.Message(m.getLong("id"), m.getLong("author_id"), m.getBoolean("staff"),
                        m.getString("body"), m.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        return new Ticket(id, rs.getLong("account_id"), rs.getString("username"), rs.getString("subject"),
                Ticket.State.valueOf(rs.getString("state")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), messages);
    }

    private static String text(String value, int max, String code) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > max) {
            throw new KhlangProblem(ProblemKind.INVALID, code, max);
        }
        return text;
    }
}
