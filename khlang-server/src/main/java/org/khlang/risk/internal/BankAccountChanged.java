package org.khlang.risk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSubject;

/**
 * Bank account changed recently: the payee's bank account was changed (the change approved) within
 * {@code khlang.risk.bank-change-days} (30) before approval 1 or 2. The commonest route of stolen disbursements: the
 * account is switched to the thief's shortly before a payment. Holds by default.
 */
final class BankAccountChanged implements DocumentRule {

    private final RiskProperties settings;

    BankAccountChanged(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now) {
        if (document.payeeId() == null) {
            return List.of();
        }
        Instant since = now.minus(Duration.ofDays(settings.bankChangeDays()));
        List<RiskOutcome> found = new ArrayList<>();
        for (Facts.BankChange change : facts.bankChanges().getOrDefault(document.payeeId(), List.of())) {
            if (change.decidedAt().isBefore(since) || change.decidedAt().isAfter(now)) {
                continue;
            }
            long days = Duration.between(change.decidedAt(), now).toDays();
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("payee", document.payeeId());
            evidence.put("bankChange", change.id());
            evidence.put("changedAt", change.decidedAt().toString());
            evidence.put("requestedBy", change.requestedBy());
            evidence.put("approvedBy", change.decidedBy());
            evidence.put("newAccount", change.bankCode() + " " + Evidence.masked(change.accountNumber()));
            evidence.put("days", days);
            found.add(RiskOutcome.of(RiskRule.BANK_ACCOUNT_CHANGED,
                    settings.holds(RiskRule.BANK_ACCOUNT_CHANGED), new RiskOutcome.Reason(
                            "บัญชีธนาคารของผู้รับเงินเปลี่ยนเมื่อ " + Evidence.dateTh(change.decidedAt()) + " (" + days
                                    + " วันก่อน) เป็นบัญชี " + Evidence.masked(change.accountNumber()),
                            "The payee's bank account was changed on " + Evidence.dateEn(change.decidedAt()) + " ("
                                    + days + " days ago) to account " + Evidence.masked(change.accountNumber()),
                            evidence, "bank-change:" + change.id())));
        }
        return found;
    }
}
