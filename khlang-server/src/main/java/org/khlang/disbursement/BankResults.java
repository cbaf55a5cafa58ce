package org.khlang.disbursement;

import java.util.List;

import org.khlang.shared.ImportReport.RowError;

/**
 * The outcome of a bank result file: how many payments were confirmed paid or failed, how many the bank still has
 * on the way (a pain.002 status such as ACSP, a pending camt.054 entry), or why nothing was applied.
 */
public record BankResults(int paid, int failed, int pending, List<RowError> errors) {

    public BankResults {
        errors = List.copyOf(errors);
    }

    public boolean applied() {
        return errors.isEmpty();
    }
}
