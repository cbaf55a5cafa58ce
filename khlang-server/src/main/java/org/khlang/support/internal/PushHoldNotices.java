package org.khlang.support.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.calendar.ThaiDates;
import org.khlang.identity.PersonLookup;
import org.khlang.softtoken.PushesHeld;
import org.khlang.support.Notices;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When wrong secrets pause or lock a person's sign-in pushes, the person (in Khlang and by e-mail) and the Contact
 * Center (in Khlang) are told: someone may hold the password and be trying the phone. In the same transaction as the
 * failure that caused it, so that a notice is sent exactly when the hold stands.
 */
@Component
class PushHoldNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Notices notices;
    private final Rights rights;
    private final PersonLookup people;
    private final Mailer mailer;
    private final Clock clock;

    PushHoldNotices(Notices notices, Rights rights, PersonLookup people, Mailer mailer, Clock clock) {
        this.notices = notices;
        this.rights = rights;
        this.people = people;
        this.mailer = mailer;
        this.clock = clock;
    }

    @EventListener
    void held(PushesHeld held) {
        String target = "account:" + held.accountId();
        String until = held.locked() ? null : TIME.format(held.pausedUntil().atZone(ThaiDates.BANGKOK));
        String th = held.locked()
                ? "มีการกรอกตัวเลขเข้าสู่ระบบผิดติดต่อกัน " + held.consecutiveFailures()
                  + " ครั้ง ระบบล็อกการเข้าสู่ระบบด้วยโทรศัพท์แล้ว ต้องให้นายทะเบียนหรือ Contact Center ปลดล็อก"
                : "มีการกรอกตัวเลขเข้าสู่ระบบผิดติดต่อกัน " + held.consecutiveFailures()
                  + " ครั้ง ระบบพักการส่งคำขอเข้าสู่ระบบไปยังโทรศัพท์ถึงเวลา " + until + " น.";
        String en = held.locked()
                ? held.consecutiveFailures() + " wrong sign-in numbers in a row: sign-in with the phone is locked"
                  + " until a registrar or the Contact Center unlocks it."
                : held.consecutiveFailures() + " wrong sign-in numbers in a row: sign-in requests to the phone are"
                  + " paused until " + until + ".";
        notices.send(held.accountId(), held.locked() ? "PUSH_LOCKED" : "PUSH_PAUSED", th
                + " หากไม่ใช่ท่าน โปรดเปลี่ยนรหัสผ่านและแจ้ง Contact Center", en
                + " If it was not you, change your password and call the Contact Center.", target);
        people.byAccountId(held.accountId()).ifPresent(person -> mailer.send(person.person().email(),
                "มีผู้พยายามเข้าสู่ระบบคลังด้วยบัญชีของท่าน", "Someone is trying to sign in to Khlang as you",
                th + "\nหากไม่ใช่ท่าน มีผู้อื่นรู้รหัสผ่านของท่าน โปรดเปลี่ยนรหัสผ่านทันทีและโทรแจ้ง Contact Center",
                en + "\nIf it was not you, someone knows your password: change it at once and call the Contact"
                        + " Center."));
        String who = held.username();
        for (RightGrant helpdesk : rights.staffHolders(Right.HELPDESK, LocalDate.now(clock))) {
            notices.send(helpdesk.accountId(), held.locked() ? "PUSH_LOCKED" : "PUSH_PAUSED",
                    "บัญชี " + who + ": " + th, "Account " + who + ": " + en, target);
        }
    }
}
