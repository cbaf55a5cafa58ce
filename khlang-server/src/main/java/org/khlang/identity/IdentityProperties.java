package org.khlang.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and policy of accounts and passwords.
 *
 * @param passwordMaxAgeMonths     R9: a password expires this many calendar months after it was set
 * @param passwordWarningDays      warn this many days before a password expires
 * @param passwordMinLength        shortest password accepted (NIST SP 800-63B, ASVS V6)
 * @param passwordMaxLength        longest password accepted
 * @param passwordHistory          a new password may not be any of the last this-many
 * @param initialPasswordValidDays an issued initial password stops working after this many days
 * @param maxFailuresPerHour       failed logins allowed per username per rolling hour (AAL2: 100)
 * @param failuresBeforeDelay      consecutive failures after which each further try must wait
 * @param maxDelaySeconds          the longest wait the growing delay imposes
 * @param importMaxRows            most data rows one legacy-user CSV may hold
 * @param sessionLifetime          AAL2: a sign-in ends this long after it completed, however active
 * @param blocklistFile            an extra file of refused passwords, one per line, read at start (optional)
 */
@ConfigurationProperties("khlang.identity")
public record IdentityProperties(@DefaultValue("3") int passwordMaxAgeMonths,
                                 @DefaultValue("14") int passwordWarningDays,
                                 @DefaultValue("12") int passwordMinLength,
                                 @DefaultValue("128") int passwordMaxLength,
                                 @DefaultValue("5") int passwordHistory,
                                 @DefaultValue("30") int initialPasswordValidDays,
                                 @DefaultValue("100") int maxFailuresPerHour,
                                 @DefaultValue("5") int failuresBeforeDelay,
                                 @DefaultValue("900") int maxDelaySeconds,
                                 @DefaultValue("20000") int importMaxRows,
                                 @DefaultValue("12h") java.time.Duration sessionLifetime,
                                 String blocklistFile) {
}
