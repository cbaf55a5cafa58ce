package org.khlang.softtoken.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Rights;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.RegistrationWindow;
import org.khlang.softtoken.RegistrationWindows;
import org.khlang.softtoken.SoftTokenProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class RegistrationWindowService implements RegistrationWindows {

    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final Rights rights;
    private final AuditLog audit;
    private final Clock clock;
    private final SoftTokenProperties properties;

    RegistrationWindowService(JdbcClient jdbc, Agencies agencies, Rights rights, AuditLog audit, Clock clock,
                              SoftTokenProperties properties) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true)
    public RegistrationWindow forAgency(Long agencyId) {
        if (agencyId == null) {
            // Treasury staff (registrars, Contact Center, administrators) belong to no disbursing agency; the letter's
            // window is the agencies' and does not bind them.
            LocalDate today = LocalDate.now(clock);
            return new RegistrationWindow(true, today, today, null);
        }
        Optional<Agency> agency = agencyId == null ? Optional.empty() : agencies.byId(agencyId);
        LocalDate opens = agency.map(Agency::pilot).orElse(false) ? properties.pilotOpens()
                : properties.registrationOpens();
        LocalDate closes = properties.registrationCloses();
        if (agencyId != null) {
            Optional<LocalDate> extended = jdbc.sql("select until_date from registration_extension where agency_id = ?")
                    .param(agencyId).query(LocalDate.class).optional();
            if (extended.isPresent() && extended.get().isAfter(closes)) {
                closes = extended.get();
            }
        }
        LocalDate today = LocalDate.now(clock);
        boolean open = !today.isBefore(opens) && !today.isAfter(closes);
        return new RegistrationWindow(open, opens, closes, agency.map(Agency::registrarOfficeId).orElse(null));
    }

    @Override
    @Transactional
    public RegistrationWindow extend(long agencyId, LocalDate until, Actor registrar) {
        Agency agency = agencies.byId(agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFound"));
        if (!rights.servesAgency(registrar.accountId(), agency, LocalDate.now(clock))) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "registrar.notServing", agency.code().value());
        }
        if (until == null || until.isBefore(LocalDate.now(clock)) || until.isAfter(LocalDate.now(clock).plusYears(1))) {
            throw new KhlangProblem(ProblemKind.INVALID, "softtoken.window.extension");
        }
        int updated = jdbc.sql("update registration_extension set until_date = ?, granted_by = ?, granted_at = ?"
                        + " where agency_id = ?")
                .params(until, registrar.accountId(), OffsetDateTime.now(clock), agencyId).update();
        if (updated == 0) {
            jdbc.sql("insert into registration_extension (agency_id, until_date, granted_by, granted_at)"
                            + " values (?, ?, ?, ?)")
                    .params(agencyId, until, registrar.accountId(), OffsetDateTime.now(clock)).update();
        }
        audit.append(AuditEntry.of("softtoken.window.extended").by(registrar.username(), registrar.accountId())
                .agency(agencyId).target("agency:" + agency.code()).with("until", until).build());
        return forAgency(agencyId);
    }
}
