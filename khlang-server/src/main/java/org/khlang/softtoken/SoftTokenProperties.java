package org.khlang.softtoken;

import java.time.Duration;
import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and settings of the Soft Token.
 *
 * @param activationTtl        how long an activation code may be used (once)
 * @param loginTtl             how long a login request waits for the phone
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
                                  @DefaultValue("2025-01-06") LocalDate pilotOpens) {
}
