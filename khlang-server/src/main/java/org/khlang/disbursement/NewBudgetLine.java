package org.khlang.disbursement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem.FieldProblem;

/**
 * A budget line to create: fiscal year (Buddhist era), budget code, fund source (7 digits, the first two the last
 * two digits of the fiscal year), GL account of the expense (10 digits), activity and allotment.
 */
public record NewBudgetLine(int fiscalYear, String budgetCode, String fundSource, String glCode, String activity,
                            BigDecimal allotted) {

    /** Everything wrong with the line, field by field; the chart check is the caller's. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (fiscalYear < 2560 || fiscalYear > 2650) {
            problems.add(FieldProblem.of("fiscalYear", "budget.fiscalYear"));
        }
        if (budgetCode == null || !budgetCode.strip().matches("[0-9A-Za-z]{5,20}")) {
            problems.add(FieldProblem.of("budgetCode", "budget.code"));
        }
        if (fundSource == null || !fundSource.strip().matches("[0-9]{7}")) {
            problems.add(FieldProblem.of("fundSource", "budget.fundSource"));
        } else if (fiscalYear >= 2560 && !fundSource.strip().startsWith(String.format("%02d", fiscalYear % 100))) {
            problems.add(FieldProblem.of("fundSource", "budget.fundSource.year", fiscalYear % 100));
        }
        if (glCode == null || !glCode.strip().matches("[0-9]{10}")) {
            problems.add(FieldProblem.of("glCode", "budget.glCode"));
        }
        if (activity == null || activity.isBlank() || activity.strip().length() > 200) {
            problems.add(FieldProblem.of("activity", "budget.activity"));
        }
        try {
            org.khlang.shared.Baht.nonNegative(allotted);
        } catch (InvalidValueException invalid) {
            problems.add(FieldProblem.of("allotted", invalid.code()));
        }
        return problems;
    }
}
