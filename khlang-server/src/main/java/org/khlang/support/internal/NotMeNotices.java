package org.khlang.support.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.identity.PersonLookup;
import org.khlang.shared.Actor;
import org.khlang.softtoken.NotMeReported;
import org.khlang.support.Notices;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * "This wasn't me" (issue 20): the security incident is opened as a ticket in the person's name for the Contact
 * Center, and the agency's head and every Contact Center member are told in Khlang and by e-mail (sent once the
 * denial committed). In the transaction that denied the request.
 */
@Component
class NotMeNotices {

    private final Notices notices;
    private final JdbcTickets tickets;
    private final Rights rights;
    private final PersonLookup people;
    private final Mailer mailer;
    private final Clock clock;

    NotMeNotices(Notices notices, JdbcTickets tickets, Rights rights, PersonLookup people, Mailer mailer, Clock clock) {
        this.notices = notices;
        this.tickets = tickets;
        this.rights = rights;
        this.people = people;
        this.mailer = mailer;
        this.clock = clock;
    }

    @EventListener
    void reported(NotMeReported report) {
        boolean signIn = "LOGIN".equals(report.kind());
        String what = signIn ? "คำขอเข้าสู่ระบบ" + (report.ip() == null ? "" : " จาก " + report.ip())
                : "คำขออนุมัติ";
        String whatEn = signIn ? "a sign-in request" + (report.ip() == null ? "" : " from " + report.ip())
                : "an approval request";
        String th = "บัญชี " + report.username() + " แจ้งว่า" + what + " \"ไม่ใช่ฉัน\" ระบบปฏิเสธคำขอ ให้เปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งถัดไป"
                + " และออกจากระบบทุกเครื่องแล้ว โปรดติดต่อเจ้าของบัญชีเพื่อตรวจสอบ";
        String en = "Account " + report.username() + " answered " + whatEn + " with \"This wasn't me\": it was denied,"
                + " a new password is required at the next sign-in and every session was ended. Please contact the"
                + " account holder.";
        Actor person = new Actor(report.accountId(), report.username());
        // At the person's limit of open tickets the incident stands in the audit chain and the notices alone.
        if (tickets.roomFor(person)) {
            tickets.insert("เหตุการณ์ด้านความปลอดภัย: นี่ไม่ใช่ฉัน (" + report.username() + ")",
                    th + "\n\n" + en + "\nคำขอ / request: " + report.requestId(), person);
        }
        LocalDate today = LocalDate.now(clock);
        Set<Long> told = new LinkedHashSet<>();
        if (report.agencyId() != null) {
            for (RightGrant head : rights.holders(report.agencyId(), Right.AGENCY_HEAD, today)) {
                told.add(head.accountId());
            }
        }
        for (RightGrant helpdesk : rights.staffHolders(Right.HELPDESK, today)) {
            told.add(helpdesk.accountId());
        }
        told.remove(report.accountId());
        for (long recipient : told) {
            notices.send(recipient, "NOT_ME", th, en, "account:" + report.accountId());
            people.byAccountId(recipient).ifPresent(found -> mailer.send(found.person().email(),
                    "เหตุการณ์ด้านความปลอดภัย: นี่ไม่ใช่ฉัน", "Security incident: this wasn't me", th, en));
        }
    }
}
