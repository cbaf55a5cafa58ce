package org.khlang.identity.internal;

import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.identity.AccountState;
import org.khlang.identity.PasswordCheck;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.PersonLookup;
import org.khlang.identity.Username;
import org.khlang.shared.CitizenId;
import org.khlang.shared.InvalidValueException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

@Component
class PasswordChecks implements PasswordCheck, PersonLookup {

    private final AccountStore accounts;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final String unknownUserHash;

    PasswordChecks(AccountStore accounts, LoginThrottle throttle, PasswordEncoder encoder, AuditLog audit) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.encoder = encoder;
        this.audit = audit;
        this.unknownUserHash = encoder.encode("khlang-unknown-user-" + System.nanoTime());
    }

    @Override
    public Optional<Long> verify(String username, String password) {
        String name = Username.normalise(username == null ? "" : username);
        String secretText = password == null ? "" : password;
        if (secretText.length() > 512) {
            secretText = secretText.substring(0, 512);
        }
        LoginThrottle.Verdict verdict = throttle.check(name);
        if (!(verdict instanceof LoginThrottle.Verdict.Allowed allowed)) {
            encoder.matches(secretText, unknownUserHash);
            return Optional.empty();
        }
        Optional<AccountStore.Secret> secret = accounts.secret(name);
        boolean matches = encoder.matches(secretText, secret.map(AccountStore.Secret::passwordHash)
                .orElse(unknownUserHash));
        if (secret.isEmpty() || !matches || secret.get().state() == AccountState.DISABLED) {
            throttle.failed(name);
            audit.appendRefusal(AuditEntry.of("identity.passwordCheck.refused").by(name, null)
                    .with("reason", secret.isEmpty() ? "UNKNOWN_USERNAME" : "BAD_PASSWORD").build());
            return Optional.empty();
        }
        if (allowed.afterFailures()) {
            throttle.succeeded(name);
        }
        return Optional.of(secret.get().accountId());
    }

    @Override
    public Optional<PersonAccount> find(String usernameOrCitizenId) {
        String text = usernameOrCitizenId == null ? "" : usernameOrCitizenId.strip();
        if (text.replace("-", "").matches("[0-9]{13}")) {
            try {
                Optional<PersonAccount> byCitizen = accounts.byCitizenId(CitizenId.of(text));
                if (byCitizen.isPresent()) {
                    return byCitizen;
                }
            } catch (InvalidValueException notACitizenId) {
                // a username of digits, perhaps
            }
        }
        return accounts.secret(Username.normalise(text)).flatMap(secret -> accounts.byAccountId(secret.accountId()));
    }

    @Override
    public Optional<PersonAccount> byAccountId(long accountId) {
        return accounts.byAccountId(accountId);
    }
}
