package org.khlang.identity.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.NewPerson;
import org.khlang.identity.Staff;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class StaffService implements Staff {

    private static final Set<Right> STAFF_RIGHTS = EnumSet.of(Right.REGISTRAR, Right.HELPDESK, Right.SYSTEM_ADMIN);

    private final AccountStore accounts;
    private final Agencies agencies;
    private final Rights rights;
    private final CredentialService credentials;
    private final AuditLog audit;
    private final Clock clock;

    StaffService(AccountStore accounts, Agencies agencies, Rights rights, CredentialService credentials, AuditLog audit,
                 Clock clock) {
        this.accounts = accounts;
        this.agencies = agencies;
        this.rights = rights;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public IssuedCredential issue(NewPerson person, Username username, Right right, Long registrarOfficeId,
                                  Actor admin) {
        if (!admin.isSystem() && rights.effectiveOn(admin.accountId(), LocalDate.now(clock)).stream()
                .noneMatch(grant -> grant.right() == Right.SYSTEM_ADMIN)) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
        if (!STAFF_RIGHTS.contains(right)) {
            throw new KhlangProblem(ProblemKind.INVALID, "staff.right");
        }
        if (right == Right.REGISTRAR && (registrarOfficeId == null
                || agencies.registrarOffice(registrarOfficeId).isEmpty())) {
            throw new KhlangProblem(ProblemKind.INVALID, "staff.office");
        }
        if (accounts.citizenIdExists(person.citizenId())) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "person.duplicate", person.citizenId().masked());
        }
        if (accounts.usernameExists(username.value())) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "username.taken", username.value());
        }
        IssuedCredential issued = credentials.createAccount(person, username, null, null, admin);
        long accountId = issued.account().id();
        rights.grant(new NewRightGrant(accountId, right, null, right == Right.REGISTRAR ? registrarOfficeId : null,
                false, LocalDate.now(clock), null, "BOOTSTRAP", "staff"), admin);
        audit.append(AuditEntry.of("identity.staff.issued").by(admin.username(), admin.accountId())
                .target("account:" + accountId).with("username", username).with("right", right)
                .with("registrarOffice", registrarOfficeId).build());
        return issued;
    }
}
