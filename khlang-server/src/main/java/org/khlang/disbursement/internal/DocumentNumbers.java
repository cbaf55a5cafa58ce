package org.khlang.disbursement.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Running document numbers per agency, fiscal year and kind, without gaps: the counter's row is locked by the
 * update, so concurrent commands take consecutive numbers, and a rolled-back command gives its number back.
 */
@Component
class DocumentNumbers {

    private final JdbcClient jdbc;

    DocumentNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number, e.g. 1, 2, 3 … in the caller's transaction. */
    int next(long agencyId, int fiscalYear, String kind) {
        jdbc.sql("insert into document_counter (agency_id, fiscal_year, kind, last_number) values (?, ?, ?, 0)"
                        + " on conflict do nothing")
                .params(agencyId, fiscalYear, kind).update();
        jdbc.sql("update document_counter set last_number = last_number + 1 where agency_id = ? and fiscal_year = ?"
                        + " and kind = ?")
                .params(agencyId, fiscalYear, kind).update();
        return jdbc.sql("select last_number from document_counter where agency_id = ? and fiscal_year = ?"
                        + " and kind = ?")
                .params(agencyId, fiscalYear, kind).query(Integer.class).single();
    }

    /** "RC-2570-000001". */
    String format(String prefix, int fiscalYear, int number) {
        return "%s-%d-%06d".formatted(prefix, fiscalYear, number);
    }
}
