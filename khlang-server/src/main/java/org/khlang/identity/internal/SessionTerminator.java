package org.khlang.identity.internal;

import java.util.Map;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.softtoken.DeviceSuspended;
import org.khlang.softtoken.NotMeReported;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends every session of a person at once (sessions live in PostgreSQL, so this holds on every node): when their
 * device is suspended, and whenever else identity decides so.
 */
@Component
class SessionTerminator {

    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;
    private final AuditLog audit;
    private final TransactionTemplate separately;

    SessionTerminator(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions, AuditLog audit,
                      PlatformTransactionManager transactions) {
        this.sessions = sessions;
        this.audit = audit;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void deviceSuspended(DeviceSuspended event) {
        int ended = endAll(event.username());
        // After the suspension committed: record in a transaction of its own.
        separately.executeWithoutResult(status -> audit.append(AuditEntry.of("identity.sessions.ended")
                .by("system", null).target("account:" + event.accountId()).with("reason", "DEVICE_SUSPENDED")
                .with("sessions", ended).build()));
    }

    /** "This wasn't me": every session of the person ends, whoever's it is. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void notMe(NotMeReported event) {
        int ended = endAll(event.username());
        separately.executeWithoutResult(status -> audit.append(AuditEntry.of("identity.sessions.ended")
                .by("system", null).agency(event.agencyId()).target("account:" + event.accountId())
                .with("reason", "NOT_ME").with("sessions", ended).build()));
    }

    int endAll(String username) {
        FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0; // a command run without a web server has no sessions
        }
        // In a transaction of its own, as the session store ran it before it was set to run without one
        // (SessionStoreConfig): called after another transaction committed, the statements would otherwise run on
        // that finished transaction's connection and be committed only as a side effect of its clean-up.
        Integer ended = separately.execute(status -> {
            Map<String, ? extends Session> found = repository.findByPrincipalName(username);
            found.keySet().forEach(repository::deleteById);
            return found.size();
        });
        return ended == null ? 0 : ended;
    }
}
