package org.khlang.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Rights;
import org.khlang.identity.Account;
import org.khlang.identity.AccountState;
import org.khlang.identity.Credentials;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.Page;
import org.khlang.shared.ProblemKind;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CredentialService implements Credentials {

    private final AccountStore accounts;
    private final Agencies agencies;
    private final Rights rights;
    private final PasswordEncoder encoder;
    private final InitialPasswords initialPasswords;
    private final AuditLog audit;
    private final Clock clock;
    private final IdentityProperties properties;

    CredentialService(AccountStore accounts, Agencies agencies, Rights rights, PasswordEncoder encoder,
                      InitialPasswords initialPasswords, AuditLog audit, Clock clock, IdentityProperties properties) {
        this.accounts = accounts;
        this.agencies = agencies;
        this.rights = rights;
        this.encoder = encoder;
        this.initialPasswords = initialPasswords;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional
    public IssuedCredential issue(NewPerson person, Actor registrar) {
        if (person.agencyId() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "agency.notFound");
        }
        Agency agency = agencyServedBy(person.agencyId(), registrar);
        if (accounts.citizenIdExists(person.citizenId())) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "person.duplicate", person.citizenId().masked());
        }
        return create(person, agency, nextUsername(agency), null, registrar);
    }

    /** Creates person and account; used by issuing and by the legacy import. */
    IssuedCredential create(NewPerson person, Agency agency, Username username, String legacyCredential, Actor actor) {
        return createAccount(person, username, legacyCredential, agency.id(), actor);
    }

    /**
     * The one place where a person and an account come into being with a one-time initial password (agency staff,
     * migrated users and treasury staff alike); audited as {@code identity.credential.issued}.
     */
    IssuedCredential createAccount(NewPerson person, Username username, String legacyCredential, Long agencyId,
                                   Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String initialPassword = initialPasswords.next();
        long personId = accounts.insertPerson(person, now);
        long accountId = accounts.insertAccount(personId, username, encoder.encode(initialPassword),
                actor.accountId(), legacyCredential, now);
        audit.append(AuditEntry.of("identity.credential.issued").by(actor.username(), actor.accountId())
                .agency(agencyId).target("account:" + accountId).with("username", username)
                .with("citizenId", person.citizenId().masked()).with("legacyCredential", legacyCredential).build());
        PersonAccount created = accounts.byAccountId(accountId).orElseThrow();
        return new IssuedCredential(created.person(), created.account(), initialPassword, validUntil(now.toInstant()));
    }

    @Override
    @Transactional
    public IssuedCredential reissue(long accountId, Actor registrar) {
        PersonAccount holder = person(accountId, registrar)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        if (holder.account().state() == AccountState.DISABLED) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "account.state.disabled");
        }
        accounts.lock(accountId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String initialPassword = initialPasswords.next();
        accounts.reissue(accountId, encoder.encode(initialPassword), now);
        audit.append(AuditEntry.of("identity.credential.reissued").by(registrar.username(), registrar.accountId())
                .agency(holder.person().agencyId()).target("account:" + accountId).build());
        PersonAccount updated = accounts.byAccountId(accountId).orElseThrow();
        return new IssuedCredential(updated.person(), updated.account(), initialPassword, validUntil(now.toInstant()));
    }

    @Override
    @Transactional
    public Account changeState(long accountId, AccountState state, String reason, Actor registrar) {
        PersonAccount holder = person(accountId, registrar)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        AccountState current = holder.account().state();
        boolean allowed = switch (state) {
            case LOCKED -> current == AccountState.ACTIVE || current == AccountState.ISSUED;
            case ACTIVE -> current == AccountState.LOCKED;
            case DISABLED -> current != AccountState.DISABLED;
            case ISSUED -> false;
        };
        if (!allowed) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "account.transition", current, state);
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "account.reasonRequired");
        }
        accounts.lock(accountId);
        accounts.setState(accountId, state);
        audit.append(AuditEntry.of("identity.account." + state.name().toLowerCase(Locale.ROOT))
                .by(registrar.username(), registrar.accountId()).agency(holder.person().agencyId())
                .target("account:" + accountId).with("from", current).with("reason", reason.strip()).build());
        return accounts.byAccountId(accountId).orElseThrow().account();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<PersonAccount> people(Actor registrar, String query, int page, int size) {
        Set<Long> offices = rights.registrarOfficesOf(registrar.accountId(), LocalDate.now(clock));
        int bounded = Page.boundedSize(size);
        int number = Math.max(0, page);
        if (offices.isEmpty()) {
            return new Page<>(List.of(), number, bounded, 0);
        }
        String pattern = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
        String where = " where p.agency_id in (select id from agency where registrar_office_id in (:offices))"
                + " and (a.username like :pattern or p.citizen_id like :pattern or lower(p.first_name_th) like :pattern"
                + " or lower(p.last_name_th) like :pattern or lower(coalesce(p.first_name_en, '')) like :pattern"
                + " or lower(coalesce(p.last_name_en, '')) like :pattern)";
        long total = accounts.jdbc().sql("select count(*) from person p join user_account a on a.person_id = p.id"
                        + where).param("offices", offices).param("pattern", pattern).query(Long.class).single();
        List<PersonAccount> items = accounts.jdbc().sql(AccountStore.PERSON_ACCOUNT + where
                        + " order by a.username offset :offset rows fetch next :size rows only")
                .param("offices", offices).param("pattern", pattern).param("offset", (long) number * bounded)
                .param("size", bounded).query(AccountStore.ROW).list();
        return new Page<>(items, number, bounded, total);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PersonAccount> person(long accountId, Actor registrar) {
        return accounts.byAccountId(accountId).filter(holder -> holder.person().agencyId() != null
                && agencies.byId(holder.person().agencyId())
                .map(agency -> rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock)))
                .orElse(false));
    }

    @Override
    @Transactional(readOnly = true)
    public PersonAccount self(long accountId) {
        return accounts.byAccountId(accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
    }

    /** R4: the registrar may issue only for agencies its office serves. */
    Agency agencyServedBy(long agencyId, Actor registrar) {
        Agency agency = agencies.byId(agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.INVALID, "agency.notFound"));
        if (!rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock))) {
            audit.appendRefusal(AuditEntry.of("identity.credential.refused").by(registrar.username(), registrar.accountId())
                    .agency(agency.id()).target("agency:" + agency.code()).with("rule", "R4").build());
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "registrar.notServing", agency.code().value());
        }
        return agency;
    }

    /** Usernames of issued accounts: the agency code and a running number, e.g. 7000512345-03. */
    Username nextUsername(Agency agency) {
        String prefix = agency.code().value() + "-";
        // Serialise numbering per agency by locking the agency row.
        accounts.jdbc().sql("select id from agency where id = ? for update").param(agency.id()).query(Long.class)
                .single();
        List<String> taken = accounts.jdbc().sql("select username from user_account where username like ?")
                .param(prefix + "%").query(String.class).list();
        int next = taken.stream().map(name -> name.substring(prefix.length()))
                .filter(suffix -> suffix.matches("[0-9]{1,5}")).mapToInt(Integer::parseInt).max().orElse(0) + 1;
        return new Username(prefix + String.format(Locale.ROOT, "%02d", next));
    }

    private Instant validUntil(Instant issuedAt) {
        return issuedAt.plus(Duration.ofDays(properties.initialPasswordValidDays()));
    }
}
