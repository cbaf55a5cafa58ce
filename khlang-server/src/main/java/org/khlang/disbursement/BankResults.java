package org.khlang.disbursement;

import java.util.List;

import org.khlang.shared.ImportReport.RowError;

/** The outcome of a bank result file: how many payments were confirmed paid or failed, or why nothing was applied. */
public record BankResults(int paid, int failed, List<RowError> errors) {

    public BankResults {
        errors = List.copyOf(errors);
    }

    public boolean applied() {
        return errors.isEmpty();
    }
}
