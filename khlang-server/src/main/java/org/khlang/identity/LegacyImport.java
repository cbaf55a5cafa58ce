package org.khlang.identity;

import java.io.Reader;

import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;

/**
 * Migration of the old system's users (R1-R3). Columns: {@code citizen_id,title_th,first_name_th,last_name_th,
 * email,mobile,agency_code,credential,legacy_username}. The credential is one of the four of R1; each row
 * becomes a right of the same meaning. Token Key holders get a new username (R2); username holders keep
 * theirs (R3). All or nothing.
 */
public interface LegacyImport {

    ImportReport<IssuedCredential> importCsv(Reader csv, Actor registrar);
}
