package org.khlang.authority.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.LocalKind;
import org.khlang.authority.RegistrarOffice;
import org.springframework.jdbc.core.RowMapper;

/** Row mappers of the authority tables. */
final class AgencyRows {

    static final String AGENCY_COLUMNS =
            "id, code, name_th, name_en, kind, local_kind, province_code, registrar_office_id, pilot";

    static final RowMapper<Agency> AGENCY = AgencyRows::agency;

    static final RowMapper<RegistrarOffice> OFFICE = (rs, row) -> new RegistrarOffice(rs.getLong("id"),
            rs.getString("code"), rs.getString("name_th"), rs.getString("name_en"), rs.getString("province_code"));

    private AgencyRows() {
    }

    private static Agency agency(ResultSet rs, int row) throws SQLException {
        String localKind = rs.getString("local_kind");
        return new Agency(rs.getLong("id"), new AgencyCode(rs.getString("code")), rs.getString("name_th"),
                rs.getString("name_en"), AgencyKind.valueOf(rs.getString("kind")),
                localKind == null ? null : LocalKind.valueOf(localKind), rs.getString("province_code").strip(),
                rs.getLong("registrar_office_id"), rs.getBoolean("pilot"));
    }
}
