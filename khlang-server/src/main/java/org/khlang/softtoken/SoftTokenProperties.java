package org.khlang.softtoken;

import java.time.Duration;
import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and settings of the Soft Token.
 *
 * @param activationTtl        how long an activation code may be used (once)
 * @param loginTtl             how long a login request and its six-digit secret wait for the phone: at most 2
 *                             minutes (NIST SP 800-63B-4 3.1.3.2 allows 10; Khlang keeps it short)
 * @param approvalTtl          how long an approval request waits for the phone
 * @param pushLimit            login requests per person within {@code pushWindow} (against push fatigue)
 * @param pushWindow           the window of {@code pushLimit}
 * @param clockSkew            how far a device's clock may be off; proofs older or newer are refused
 * @param offlineCodes         whether the offline code (RFC 6238) may stand in for the push
 * @param secretKey            base64 of 32 bytes that encrypt the offline-code secrets at rest (AES-GCM); required
 * @param staffRequired        whether registrars, Contact Center and administrators must also use the Soft Token
 *                             (agency rights always need it, R5 and R6)
 * @param registrationOpens    R16: first day of the registration window (10 February 2568)
 * @param registrationCloses   R16: last day of the registration window (11 April 2568)
 * @param pilotOpens           R16: pilot agencies may register from this day
 * @param pushPauseEvery       wrong secrets in a row after which new pushes pause (every 10th: 10, 20, ...)
 * @param pushPause            how long such a pause lasts
 * @param pushLockAt           wrong secrets in a row at which pushes lock until a registrar or the Contact Center
 *                             unlocks them (at most 100, NIST SP 800-63B-4 3.2.2)
 */
@ConfigurationProperties("khlang.softtoken")
public record SoftTokenProperties(@DefaultValue("10m") Duration activationTtl,
                                  @DefaultValue("120s") Duration loginTtl,
                                  @DefaultValue("5m") Duration approvalTtl,
                                  @DefaultValue("5") int pushLimit,
                                  @DefaultValue("10m") Duration pushWindow,
                                  @DefaultValue("60s") Duration clockSkew,
                                  @DefaultValue("true") boolean offlineCodes,
                                  String secretKey,
                                  @DefaultValue("false") boolean staffRequired,
                                  @DefaultValue("2025-02-10") LocalDate registrationOpens,
                                  @DefaultValue("2025-04-11") LocalDate registrationCloses,
                                  @DefaultValue("2025-01-06") LocalDate pilotOpens,
                                  @DefaultValue("10") int pushPauseEvery,
                                  @DefaultValue("15m") Duration pushPause,
                                  @DefaultValue("100") int pushLockAt) {

    /** The longest a sign-in secret may stay valid. */
    public static final Duration MAX_LOGIN_TTL = Duration.ofMinutes(2);

    public SoftTokenProperties {
        if (loginTtl.compareTo(MAX_LOGIN_TTL) > 0 || loginTtl.isNegative() || loginTtl.isZero()) {
            throw new IllegalArgumentException("khlang.softtoken.login-ttl must be positive and at most "
                    + MAX_LOGIN_TTL + " (the sign-in secret's lifetime), was " + loginTtl);
        }
    }

    /** The consequences of wrong secrets in a row. */
    public PushFailurePolicy pushFailures() {
        return new PushFailurePolicy(pushPauseEvery, pushPause, pushLockAt);
    }
}
