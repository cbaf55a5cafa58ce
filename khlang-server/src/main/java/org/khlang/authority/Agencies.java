package org.khlang.authority;

import java.io.Reader;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;
import org.khlang.shared.Page;

/** Disbursing agencies, provinces and registrar offices. */
public interface Agencies {

    Optional<Agency> byId(long id);

    Optional<Agency> byCode(AgencyCode code);

    /**
     * Agencies whose code or name contains {@code query} (any when blank), limited to those served by
     * {@code registrarOfficeId} when it is not null, ordered by code.
     */
    Page<Agency> search(String query, Long registrarOfficeId, int page, int size);

    /**
     * Registers one agency. The serving registrar office follows from its kind and province; the actor must
     * be a registrar of that office.
     */
    Agency register(NewAgency agency, Actor actor);

    /**
     * Imports agencies from CSV (header {@code code,name_th,name_en,kind,local_kind,province,pilot}), all or
     * nothing: one bad row and no row is saved, and the report names every bad row.
     */
    ImportReport<Agency> importCsv(Reader csv, Actor actor);

    List<Province> provinces();

    Optional<Province> province(String code);

    List<RegistrarOffice> registrarOffices();

    Optional<RegistrarOffice> registrarOffice(long id);

    /** The office that serves an agency of this kind in this province: CGD for central ones and Bangkok. */
    RegistrarOffice servingOffice(AgencyKind kind, String provinceCode);
}
