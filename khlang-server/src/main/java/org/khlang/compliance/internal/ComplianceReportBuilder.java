package org.khlang.compliance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.compliance.ComplianceReport;
import org.khlang.compliance.ComplianceReports;
import org.khlang.disbursement.Withdrawals;
import org.khlang.identity.AccountFacts;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.PersonLookup;
import org.khlang.softtoken.SoftTokens;
import org.khlang.support.LostDevices;
import org.springframework.stereotype.Service;

@Service
class ComplianceReportBuilder implements ComplianceReports {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    static final int UNUSED_DAYS = 90;
    static final int APPROVALS_CHECKED = 2_000;
    private static final Set<Right> TOKEN_RIGHTS = EnumSet.of(Right.RECORDER, Right.WITHDRAWAL_APPROVER,
            Right.PAYMENT_APPROVER, Right.AGENCY_HEAD);

    private final AccountFacts accounts;
    private final Rights rights;
    private final SoftTokens softTokens;
    private final LostDevices lost;
    private final Withdrawals withdrawals;
    private final AuditLog audit;
    private final org.khlang.audit.Checkpoints checkpoints;
    private final PersonLookup people;
    private final IdentityProperties identity;
    private final Clock clock;
    private final org.khlang.identity.PersonPasskeys passkeys;

    private final org.khlang.risk.RiskChecks risk;

    ComplianceReportBuilder(AccountFacts accounts, Rights rights, SoftTokens softTokens, LostDevices lost,
                            Withdrawals withdrawals, AuditLog audit, PersonLookup people, IdentityProperties identity,
                            Clock clock, org.khlang.audit.Checkpoints checkpoints,
                            org.khlang.identity.PersonPasskeys passkeys, org.khlang.risk.RiskChecks risk) {
        this.risk = risk;
        this.passkeys = passkeys;
        this.checkpoints = checkpoints;
        this.accounts = accounts;
        this.rights = rights;
        this.softTokens = softTokens;
        this.lost = lost;
        this.withdrawals = withdrawals;
        this.audit = audit;
        this.people = people;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public ComplianceReport report(Long agencyId) {
        Instant now = clock.instant();
        ZonedDateTime here = now.atZone(BANGKOK);
        Instant passwordCutoff = here.minusMonths(identity.passwordMaxAgeMonths()).toInstant();
        Instant unusedCutoff = here.minusDays(UNUSED_DAYS).toInstant();
        LocalDate today = here.toLocalDate();

        Map<Long, List<String>> held = new LinkedHashMap<>();
        Map<Long, Long> agencyOf = new LinkedHashMap<>();
        for (RightGrant grant : rights.inForce(agencyId, today)) {
            if (TOKEN_RIGHTS.contains(grant.right())) {
                held.computeIfAbsent(grant.accountId(), id -> new ArrayList<>()).add(grant.right().name());
                agencyOf.put(grant.accountId(), grant.agencyId());
            }
        }
        List<ComplianceReport.TokenlessRight> tokenless = new ArrayList<>();
        held.forEach((accountId, names) -> {
            if (softTokens.activeDevice(accountId).isEmpty()) {
                String username = people.byAccountId(accountId).map(p -> p.account().username().value()).orElse("");
                tokenless.add(new ComplianceReport.TokenlessRight(accountId, username, agencyOf.get(accountId),
                        List.copyOf(names)));
            }
        });
        // Staff belong to no agency: they are checked in the report of all agencies (CGD's internal audit).
        Map<Long, List<String>> staff = new LinkedHashMap<>();
        if (agencyId == null) {
            for (Right right : Right.values()) {
                if (passkeys.requiredFor(right)) {
                    for (RightGrant grant : rights.staffHolders(right, today)) {
                        staff.computeIfAbsent(grant.accountId(), id -> new ArrayList<>()).add(right.name());
                    }
                }
            }
        }
        List<ComplianceReport.StaffWithoutPasskey> passkeyless = new ArrayList<>();
        staff.forEach((accountId, names) -> {
            if (!passkeys.hasActive(accountId)) {
                String username = people.byAccountId(accountId).map(p -> p.account().username().value()).orElse("");
                passkeyless.add(new ComplianceReport.StaffWithoutPasskey(accountId, username, List.copyOf(names)));
            }
        });
        return new ComplianceReport(agencyId, now,
                accounts.passwordsChangedBefore(passwordCutoff, agencyId),
                rights.segregationConflicts(agencyId),
                lost.flagged().stream().filter(report -> agencyId == null
                        || report.agencyId() != null && report.agencyId().equals(agencyId)).toList(),
                tokenless,
                passkeyless,
                withdrawals.brokenApprovals(agencyId, APPROVALS_CHECKED),
                accounts.unusedSince(unusedCutoff, agencyId),
                audit.verify(),
                checkpoints.latest().orElse(null),
                checkpoints.latest().map(checkpoints::verify).orElse(false),
                agencyId == null ? risk.summaryOfAll(200) : risk.summary(List.of(agencyId)));
    }
}
