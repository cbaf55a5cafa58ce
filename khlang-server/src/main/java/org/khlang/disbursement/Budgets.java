package org.khlang.disbursement;

import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;

/** Budget lines per agency and fiscal year, and their funds. */
public interface Budgets {

    /** Creates a budget line for the agency; the actor must be its RECORDER or AGENCY_HEAD. */
    BudgetLine create(long agencyId, NewBudgetLine line, Actor actor);

    /** Imports budget lines from CSV, all or nothing; every bad row is named. */
    ImportReport<BudgetLine> importCsv(long agencyId, byte[] csv, Actor actor);

    List<BudgetLine> lines(long agencyId, int fiscalYear);

    Optional<BudgetLine> line(long id);
}
