package org.khlang.risk.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSubject;

/**
 * Shared bank account: the payee's bank account is also held by another payee of the agency. When one of them is a
 * staff member of the agency (an officer payee, or a payee whose tax ID is the citizen ID of a person of the agency)
 * it always holds: public money is being paid to staff under a firm's name. Otherwise it holds only if the setting
 * says so, and flags.
 */
final class SharedBankAccount implements DocumentRule {

    private final RiskProperties settings;

    SharedBankAccount(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now) {
        if (document.payeeId() == null) {
            return List.of();
        }
        List<Facts.SharedAccount> others = facts.sharedAccounts().getOrDefault(document.payeeId(), List.of());
        if (others.isEmpty()) {
            return List.of();
        }
        boolean staff = others.stream().anyMatch(Facts.SharedAccount::staff);
        Facts.SharedAccount first = others.getFirst();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("payee", document.payeeId());
        evidence.put("otherPayees", others.stream().map(Facts.SharedAccount::otherPayeeId).sorted().toList());
        evidence.put("account", first.bankCode() + " " + Evidence.masked(first.accountNumber()));
        evidence.put("staff", staff);
        String names = String.join(", ", others.stream().map(Facts.SharedAccount::otherName).limit(3).toList())
                + (others.size() > 3 ? " …" : "");
        String th = "บัญชี " + Evidence.masked(first.accountNumber()) + " เป็นบัญชีของผู้รับเงินอีก " + others.size()
                + " ราย (" + names + ")" + (staff ? " และมีเจ้าหน้าที่ของหน่วยงานเป็นเจ้าของบัญชีร่วม" : "");
        String en = "Account " + Evidence.masked(first.accountNumber()) + " is also held by " + others.size()
                + " other payee(s) (" + names + ")" + (staff ? ", one of them a staff member of the agency" : "");
        String key = "shared:" + others.stream().map(Facts.SharedAccount::otherPayeeId).sorted().toList();
        return List.of(RiskOutcome.of(RiskRule.SHARED_BANK_ACCOUNT,
                staff || settings.holds(RiskRule.SHARED_BANK_ACCOUNT), new RiskOutcome.Reason(th, en, evidence, key)));
    }
}
