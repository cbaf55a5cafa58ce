package org.khlang.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.identity.AccountState;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.PasswordChange;
import org.khlang.identity.PasswordStatus;
import org.khlang.identity.Passwords;
import org.khlang.identity.PersonAccount;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PasswordService implements Passwords {

    private final AccountStore accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final IdentityProperties properties;

    PasswordService(AccountStore accounts, PasswordPolicy policy, PasswordEncoder encoder, AuditLog audit, Clock clock,
                    IdentityProperties properties) {
        this.accounts = accounts;
        this.policy = policy;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public PasswordChange change(long accountId, String currentPassword, String newPassword) {
        accounts.lock(accountId);
        PersonAccount holder = accounts.byAccountId(accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        String username = holder.account().username().value();
        String currentHash = accounts.passwordHash(accountId).orElseThrow();
        if (currentPassword == null || !encoder.matches(currentPassword, currentHash)) {
            return refused(holder, List.of("password.currentWrong"));
        }
        List<String> reasons = new ArrayList<>(policy.check(newPassword, username, holder.person().citizenId()));
        if (reasons.isEmpty() && reusesRecent(accountId, newPassword)) {
            reasons.add("password.reused");
        }
        if (!reasons.isEmpty()) {
            return refused(holder, reasons);
        }
        AccountState state = holder.account().state() == AccountState.ISSUED ? AccountState.ACTIVE
                : holder.account().state();
        accounts.setPassword(accountId, encoder.encode(newPassword), false, state, OffsetDateTime.now(clock));
        audit.append(AuditEntry.of("identity.password.changed").by(username, accountId)
                .agency(holder.person().agencyId()).target("account:" + accountId)
                .with("wasInitial", holder.account().state() == AccountState.ISSUED).build());
        return new PasswordChange.Changed();
    }

    private PasswordChange refused(PersonAccount holder, List<String> reasons) {
        long accountId = holder.account().id();
        audit.append(AuditEntry.of("identity.password.change.refused")
                .by(holder.account().username().value(), accountId).agency(holder.person().agencyId())
                .target("account:" + accountId).with("reasons", String.join(",", reasons)).build());
        return new PasswordChange.Refused(reasons);
    }

    /** Compares with the last {@code passwordHistory} passwords; each comparison costs one hash. */
    private boolean reusesRecent(long accountId, String newPassword) {
        return accounts.recentHashes(accountId, properties.passwordHistory()).stream()
                .anyMatch(hash -> encoder.matches(newPassword, hash));
    }

    @Override
    @Transactional(readOnly = true)
    public PasswordStatus status(long accountId) {
        AccountStore.PasswordState state = accounts.passwordState(accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        return status(state, clock.instant());
    }

    PasswordStatus status(AccountStore.PasswordState state, Instant now) {
        Instant expiresAt = expiry(state.changedAt());
        boolean expired = !now.isBefore(expiresAt);
        long daysLeft = expired ? 0 : Duration.between(now, expiresAt).toDays();
        boolean mustChange = state.mustChange() || expired;
        return new PasswordStatus(expiresAt, mustChange, daysLeft,
                !mustChange && daysLeft < properties.passwordWarningDays());
    }

    /** R9: calendar months in Bangkok time, so a password set on 31 January expires on 30 April. */
    Instant expiry(Instant changedAt) {
        ZonedDateTime changed = changedAt.atZone(clock.getZone());
        return changed.plusMonths(properties.passwordMaxAgeMonths()).toInstant();
    }

    @Override
    @Transactional
    public void requireChange(long accountId, String reason, Actor actor) {
        accounts.requireChange(accountId);
        audit.append(AuditEntry.of("identity.password.changeRequired").by(actor.username(), actor.accountId())
                .target("account:" + accountId).with("reason", reason).build());
    }
}
