package org.khlang.disbursement.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.stereotype.Component;

/**
 * Rights are checked by every money command at the moment it runs, as they stand that day for the document's agency
 * (R8, R10) — never trusted from the sign-in or the screen that led there.
 */
@Component
class AgencyRights {

    private final Rights rights;
    private final AuditLog audit;
    private final Clock clock;

    AgencyRights(Rights rights, AuditLog audit, Clock clock) {
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    boolean holds(long accountId, long agencyId, Right right) {
        return rights.effectiveOn(accountId, today()).stream().anyMatch(grant -> grant.right() == right
                && grant.agencyId() != null && grant.agencyId() == agencyId);
    }

    /** Refuses (and audits the refusal) unless the actor holds one of the rights for the agency today. */
    void require(Actor actor, long agencyId, String what, Right... anyOf) {
        if (actor.isSystem()) {
            return;
        }
        java.util.List<RightGrant> held = rights.effectiveOn(actor.accountId(), today());
        boolean allowed = held.stream().anyMatch(grant -> grant.agencyId() != null && grant.agencyId() == agencyId
                && Arrays.asList(anyOf).contains(grant.right()));
        if (!allowed) {
            String needed = Arrays.stream(anyOf).map(Right::name).collect(Collectors.joining(","));
            refuse(actor, agencyId, what, "disbursement.right", needed);
        }
    }

    /** Records the refusal in the audit chain (it survives the rollback) and throws it. */
    KhlangProblem refuse(Actor actor, long agencyId, String what, String code, Object... arguments) {
        audit.appendRefusal(AuditEntry.of("disbursement.refused").by(actor.username(), actor.accountId())
                .agency(agencyId).target(what).with("code", code)
                .with("detail", arguments.length == 0 ? null : String.valueOf(arguments[0])).build());
        ProblemKind kind = code.equals("disbursement.right") ? ProblemKind.FORBIDDEN
                : code.startsWith("withdrawal.sod") ? ProblemKind.FORBIDDEN : ProblemKind.CONFLICT;
        throw new KhlangProblem(kind, code, arguments);
    }
}
