package org.khlang.identity.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.Username;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Username and password, the first factor (design.md section 4.2 step 1). An unknown username costs the same
 * hash as a known one and gets the same answer; throttling is checked before the hash, for every username alike.
 */
@Component
public class KhlangAuthenticationProvider implements AuthenticationProvider {

    private final AccountStore accounts;
    private final Rights rights;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    /** The hash is the deliberate cost of a sign-in; operations watch its time (khlang_password_hash_seconds). */
    private final Timer hashes;
    /**
     * The processor time of the same hashes (khlang_password_hash_cpu_seconds): the wall time above also holds any
     * time the thread waited for a core, so this one is the yardstick for the CPU a sign-in costs beyond its hash.
     */
    private final Timer hashCpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final SoftTokens softTokens;
    private final SignIns signIns;
    private final String unknownUserHash;

    KhlangAuthenticationProvider(AccountStore accounts, Rights rights, LoginThrottle throttle, PasswordEncoder encoder,
                                 AuditLog audit, Clock clock, IdentityProperties properties,
                                 TransactionTemplate transactions, MeterRegistry meters, SoftTokens softTokens,
                                 SignIns signIns) {
        this.accounts = accounts;
        this.rights = rights;
        this.throttle = throttle;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
        this.meters = meters;
        this.hashes = meters.timer("khlang.password.hash");
        this.hashCpu = meters.timer("khlang.password.hash.cpu");
        this.softTokens = softTokens;
        this.signIns = signIns;
        this.unknownUserHash = encoder.encode("no account has this password " + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Username.normalise(authentication.getName());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (password.length() > properties.passwordMaxLength() * 4) {
            password = password.substring(0, properties.passwordMaxLength() * 4); // bound the hash's input
        }
        LoginThrottle.Verdict verdict = throttle.check(username);
        if (verdict instanceof LoginThrottle.Verdict.HourlyLimit) {
            throw refuse(username, null, "HOURLY_LIMIT", new ThrottledException(null));
        }
        if (verdict instanceof LoginThrottle.Verdict.Wait wait) {
            throw refuse(username, null, "WAIT", new ThrottledException(wait.until()));
        }
        Optional<AccountStore.Secret> secret = accounts.secret(username);
        String hash = secret.map(AccountStore.Secret::passwordHash).orElse(unknownUserHash);
        Timer.Sample hashing = Timer.start(meters);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        boolean matches = encoder.matches(password, hash);
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        hashing.stop(hashes);
        if (cpuBefore >= 0) { // -1 where the JVM cannot measure a thread's processor time
            hashCpu.record(cpu, TimeUnit.NANOSECONDS);
        }
        if (secret.isEmpty() || !matches) {
            throttle.failed(username);
            throw refuse(username, secret.map(AccountStore.Secret::accountId).orElse(null),
                    secret.isEmpty() ? "UNKNOWN_USERNAME" : "BAD_PASSWORD",
                    new BadCredentialsException("bad credentials"));
        }
        boolean failuresOnRecord = verdict instanceof LoginThrottle.Verdict.Allowed allowed && allowed.afterFailures();
        return signIn(secret.get(), failuresOnRecord);
    }

    private Authentication signIn(AccountStore.Secret secret, boolean failuresOnRecord) {
        long accountId = secret.accountId();
        switch (secret.state()) {
            case LOCKED -> throw refuse(secret.username(), accountId, "LOCKED", new LockedException("locked"));
            case DISABLED -> throw refuse(secret.username(), accountId, "DISABLED", new DisabledException("disabled"));
            case ISSUED -> {
                Duration valid = Duration.ofDays(properties.initialPasswordValidDays());
                if (clock.instant().isAfter(secret.issuedAt().plus(valid))) {
                    throw refuse(secret.username(), accountId, "INITIAL_PASSWORD_EXPIRED",
                            new InitialPasswordExpiredException());
                }
            }
            case ACTIVE -> {
            }
        }
        if (failuresOnRecord) {
            throttle.succeeded(secret.username());
        }
        if (softTokens.activeDevice(accountId).isPresent()) {
            // R16: with a Soft Token the password alone signs nobody in; the phone must confirm. The request to the
            // phone (softtoken.login.requested, written with it) records that the password was right. Reads only
            // here, so no transaction of its own (at READ COMMITTED each statement sees the same either way).
            return signIns.awaitingPhone(principal(accounts.byAccountId(accountId).orElseThrow()));
        }
        KhlangUser user = transactions.execute(status -> {
            PersonAccount holder = accounts.byAccountId(accountId).orElseThrow();
            completed(accountId, secret.username(), holder.person().agencyId(), "PASSWORD");
            return principal(holder);
        });
        return signIns.complete(user, false);
    }

    /** Records a completed sign-in: in the audit chain, the account's last sign-in, and the metrics. */
    public void completed(long accountId, String username, Long agencyId, String factors) {
        accounts.loggedIn(accountId, OffsetDateTime.now(clock));
        audit.append(AuditEntry.of("identity.login.succeeded").by(username, accountId).agency(agencyId)
                .target("account:" + accountId).with("factors", factors).build());
        meters.counter("khlang.logins", "outcome", "succeeded").increment();
    }

    KhlangUser principal(PersonAccount holder) {
        LocalDate today = LocalDate.now(clock);
        Set<String> held = new HashSet<>();
        Set<Long> offices = new HashSet<>();
        for (RightGrant grant : rights.effectiveOn(holder.account().id(), today)) {
            held.add(grant.right().name());
            if (grant.registrarOfficeId() != null) {
                offices.add(grant.registrarOfficeId());
            }
        }
        String nameEn = holder.person().firstNameEn() == null ? null
                : holder.person().firstNameEn() + " " + holder.person().lastNameEn();
        return new KhlangUser(holder.account().id(), holder.person().id(), holder.account().username().value(),
                holder.person().fullNameTh(), nameEn, holder.person().agencyId(), held, offices);
    }

    private AuthenticationException refuse(String username, Long accountId, String reason,
                                           AuthenticationException exception) {
        transactions.executeWithoutResult(status -> audit.append(AuditEntry.of("identity.login.failed")
                // An unknown "username" may be a password typed in the wrong box: it is not recorded.
                .by(accountId == null ? "anonymous" : username, accountId)
                .target(accountId == null ? null : "account:" + accountId).with("reason", reason).build()));
        meters.counter("khlang.logins", "outcome", reason.toLowerCase(java.util.Locale.ROOT)).increment();
        return exception;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many failures: try again after {@code until}, or after the hour when it is null. */
    public static final class ThrottledException extends AuthenticationException {
        private final transient java.time.Instant until;

        ThrottledException(java.time.Instant until) {
            super("throttled");
            this.until = until;
        }

        public java.time.Instant until() {
            return until;
        }
    }

    /** The initial password was not used within its validity; the registrar must issue a new one. */
    public static final class InitialPasswordExpiredException extends AuthenticationException {
        InitialPasswordExpiredException() {
            super("initial password expired");
        }
    }
}
