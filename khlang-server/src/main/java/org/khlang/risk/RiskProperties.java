package org.khlang.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the fraud rules ({@code khlang.risk.*}); operations.md lists them.
 *
 * @param enabled             whether the rules run at all (off only to measure what they cost)
 * @param bankChangeDays      a payee's bank account approved as changed within this many days before an approval
 * @param duplicateDays       the same payee and amount within this many days counts as a duplicate invoice
 * @param splitDays           the period within which documents to one payee are added up for a split payment
 * @param procurementLimits   the procurement method limits in baht that a split stays under (ระเบียบกระทรวงการคลังว่าด้วย
 *                            การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560: set them to the limits in force)
 * @param splitMargin         "just under" a limit: within this fraction below it (0.10: 90,000-99,999.99 for 100,000)
 * @param unusualMultiple     an amount over this many times the median of the payee's last payments is unusual
 * @param unusualHistory      how many of the payee's last paid documents make its history
 * @param unusualMinimum      fewer paid documents than this is no history to compare with
 * @param roundFrom           a whole multiple of {@code roundUnit} from this amount up is a round-number pattern
 * @param roundUnit           see {@code roundFrom}
 * @param officeOpens         office hours, Bangkok time, on business days (calendar)
 * @param officeCloses        see {@code officeOpens}
 * @param newPhone            a phone bound within this long before an approval is new
 * @param refusedPushes       this many denied or wrong-number pushes within {@code refusedPushWindow} is an anomaly
 * @param refusedPushWindow   see {@code refusedPushes}
 * @param networkHistory      a sign-in from a network not seen within this long before is from a new network
 * @param holds               the rules whose finding holds approval 2 (the others flag); a bank account shared with
 *                            a staff member of the agency always holds
 */
@ConfigurationProperties("khlang.risk")
public record RiskProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("30") int bankChangeDays,
                             @DefaultValue("7") int duplicateDays,
                             @DefaultValue("30") int splitDays,
                             @DefaultValue({"100000", "500000"}) List<BigDecimal> procurementLimits,
                             @DefaultValue("0.10") BigDecimal splitMargin,
                             @DefaultValue("5") BigDecimal unusualMultiple,
                             @DefaultValue("12") int unusualHistory,
                             @DefaultValue("3") int unusualMinimum,
                             @DefaultValue("100000") BigDecimal roundFrom,
                             @DefaultValue("10000") BigDecimal roundUnit,
                             @DefaultValue("08:30") LocalTime officeOpens,
                             @DefaultValue("16:30") LocalTime officeCloses,
                             @DefaultValue("24h") Duration newPhone,
                             @DefaultValue("3") int refusedPushes,
                             @DefaultValue("24h") Duration refusedPushWindow,
                             @DefaultValue("90d") Duration networkHistory,
                             @DefaultValue({"BANK_ACCOUNT_CHANGED", "DUPLICATE_INVOICE"}) Set<RiskRule> holds) {

    public RiskProperties {
        procurementLimits = List.copyOf(procurementLimits);
        holds = Set.copyOf(holds);
        if (!officeOpens.isBefore(officeCloses)) {
            throw new IllegalArgumentException("khlang.risk.office-opens must be before office-closes");
        }
    }

    /** The defaults, for unit tests of the rules. */
    public static RiskProperties defaults() {
        return new RiskProperties(true, 30, 7, 30, List.of(new BigDecimal("100000"), new BigDecimal("500000")),
                new BigDecimal("0.10"), new BigDecimal("5"), 12, 3, new BigDecimal("100000"), new BigDecimal("10000"),
                LocalTime.of(8, 30), LocalTime.of(16, 30), Duration.ofHours(24), 3, Duration.ofHours(24),
                Duration.ofDays(90), Set.of(RiskRule.BANK_ACCOUNT_CHANGED, RiskRule.DUPLICATE_INVOICE));
    }

    public boolean holds(RiskRule rule) {
        return holds.contains(rule);
    }
}
