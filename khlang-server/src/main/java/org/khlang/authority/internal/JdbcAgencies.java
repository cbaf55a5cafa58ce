package org.khlang.authority.internal;

import java.io.Reader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.AuthorityProperties;
import org.khlang.authority.NewAgency;
import org.khlang.authority.Province;
import org.khlang.authority.RegistrarOffice;
import org.khlang.authority.Rights;
import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.Page;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcAgencies implements Agencies {

    private final JdbcClient jdbc;
    private final Rights rights;
    private final AuditLog audit;
    private final Clock clock;
    private final AuthorityProperties properties;

    JdbcAgencies(JdbcClient jdbc, Rights rights, AuditLog audit, Clock clock, AuthorityProperties properties) {
        this.jdbc = jdbc;
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Agency> byId(long id) {
        return jdbc.sql("select " + AgencyRows.AGENCY_COLUMNS + " from agency where id = ?").param(id)
                .query(AgencyRows.AGENCY).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Agency> byCode(AgencyCode code) {
        return jdbc.sql("select " + AgencyRows.AGENCY_COLUMNS + " from agency where code = ?").param(code.value())
                .query(AgencyRows.AGENCY).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Agency> search(String query, Long registrarOfficeId, int page, int size) {
        int bounded = Page.boundedSize(size);
        int number = Math.max(0, page);
        String pattern = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
        String where = " where (code like :pattern or lower(name_th) like :pattern or lower(coalesce(name_en, ''))"
                + " like :pattern) and (cast(:office as bigint) is null or registrar_office_id = :office)";
        long total = jdbc.sql("select count(*) from agency" + where).param("pattern", pattern)
                .param("office", registrarOfficeId).query(Long.class).single();
        List<Agency> items = jdbc.sql("select " + AgencyRows.AGENCY_COLUMNS + " from agency" + where
                        + " order by code offset :offset rows fetch next :size rows only")
                .param("pattern", pattern).param("office", registrarOfficeId)
                .param("offset", (long) number * bounded).param("size", bounded)
                .query(AgencyRows.AGENCY).list();
        return new Page<>(items, number, bounded, total);
    }

    @Override
    @Transactional
    public Agency register(NewAgency agency, Actor actor) {
        RegistrarOffice office = servingOffice(agency.kind(), agency.provinceCode());
        if (province(agency.provinceCode()).isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "province.unknown", agency.provinceCode());
        }
        if (!mayRegisterFor(actor, office)) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "agency.notYourOffice", office.nameTh());
        }
        if (byCode(agency.code()).isPresent()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "agency.duplicate", agency.code().value());
        }
        Agency saved = insert(agency, office);
        audit.append(AuditEntry.of("authority.agency.registered").by(actor.username(), actor.accountId())
                .agency(saved.id()).target("agency:" + saved.code()).with("kind", saved.kind())
                .with("registrarOffice", office.code()).build());
        return saved;
    }

    @Override
    @Transactional
    public ImportReport<Agency> importCsv(Reader csv, Actor actor) {
        AgencyCsv parsed = AgencyCsv.parse(csv, properties.importMaxRows(), this);
        List<RowError> errors = new ArrayList<>(parsed.errors());
        for (AgencyCsv.Row row : parsed.rows()) {
            RegistrarOffice office = servingOffice(row.agency().kind(), row.agency().provinceCode());
            if (!mayRegisterFor(actor, office)) {
                errors.add(RowError.of(row.line(), "province", "agency.notYourOffice", office.nameTh()));
            }
            if (byCode(row.agency().code()).isPresent()) {
                errors.add(RowError.of(row.line(), "code", "agency.duplicate", row.agency().code().value()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingLong(RowError::line));
            audit.append(AuditEntry.of("authority.agency.import.refused").by(actor.username(), actor.accountId())
                    .with("rows", parsed.rowsRead()).with("errors", errors.size()).build());
            return ImportReport.refused(parsed.rowsRead(), errors);
        }
        List<Agency> saved = new ArrayList<>(parsed.rows().size());
        for (AgencyCsv.Row row : parsed.rows()) {
            saved.add(insert(row.agency(), servingOffice(row.agency().kind(), row.agency().provinceCode())));
        }
        audit.append(AuditEntry.of("authority.agency.imported").by(actor.username(), actor.accountId())
                .with("rows", saved.size()).build());
        return ImportReport.done(saved);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Province> provinces() {
        return jdbc.sql("select code, name_th, name_en from province order by name_th")
                .query((rs, row) -> new Province(rs.getString(1).strip(), rs.getString(2), rs.getString(3))).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Province> province(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select code, name_th, name_en from province where code = ?").param(code.strip())
                .query((rs, row) -> new Province(rs.getString(1).strip(), rs.getString(2), rs.getString(3)))
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RegistrarOffice> registrarOffices() {
        return jdbc.sql("select id, code, name_th, name_en, province_code from registrar_office order by id")
                .query(AgencyRows.OFFICE).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RegistrarOffice> registrarOffice(long id) {
        return jdbc.sql("select id, code, name_th, name_en, province_code from registrar_office where id = ?")
                .param(id).query(AgencyRows.OFFICE).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public RegistrarOffice servingOffice(AgencyKind kind, String provinceCode) {
        String officeCode = kind == AgencyKind.CENTRAL || Province.BANGKOK.equals(provinceCode)
                ? RegistrarOffice.CGD : "PTO-" + provinceCode;
        return jdbc.sql("select id, code, name_th, name_en, province_code from registrar_office where code = ?")
                .param(officeCode).query(AgencyRows.OFFICE).optional()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.INVALID, "province.unknown", provinceCode));
    }

    private boolean mayRegisterFor(Actor actor, RegistrarOffice office) {
        if (actor.isSystem()) {
            return true;
        }
        LocalDate today = LocalDate.now(clock);
        return rights.registrarOfficesOf(actor.accountId(), today).contains(office.id());
    }

    private Agency insert(NewAgency agency, RegistrarOffice office) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into agency (code, name_th, name_en, kind, local_kind, province_code,
                                            registrar_office_id, pilot, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(agency.code().value(), agency.nameTh(), agency.nameEn(), agency.kind().name(),
                        agency.localKind() == null ? null : agency.localKind().name(), agency.provinceCode(),
                        office.id(), agency.pilot(), OffsetDateTime.now(clock))
                .update(keys, "id");
        return byId(keys.getKeyAs(Long.class)).orElseThrow();
    }
}
