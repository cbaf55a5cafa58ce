package org.khlang.identity.internal;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.softtoken.NotMeReported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * "This wasn't me" (issue 20): whoever asked knows the password, so the person must choose a new one at their next
 * sign-in, which itself needs the phone (the change page is reached only after the phone confirmed the sign-in). In
 * the transaction that denied the request; {@link SessionTerminator} ends the sessions once it committed.
 */
@Component
class NotMeResponse {

    private final AccountStore accounts;
    private final AuditLog audit;

    NotMeResponse(AccountStore accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @EventListener
    void reported(NotMeReported report) {
        accounts.requireChange(report.accountId());
        audit.append(AuditEntry.of("identity.password.changeRequired").by("system", null).agency(report.agencyId())
                .target("account:" + report.accountId()).with("reason", "NOT_ME")
                .with("request", report.requestId()).build());
    }
}
