package org.khlang.disbursement.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.shared.Baht;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.InvalidValueException;

/**
 * Reads a budget CSV: {@code fiscal_year,budget_code,fund_source,gl_code,activity,allotted}. Amounts may carry
 * thousands commas ("1,250,000.00"), as spreadsheets write them.
 */
final class BudgetCsv {

    static final List<String> HEADER = List.of("fiscal_year", "budget_code", "fund_source", "gl_code", "activity",
            "allotted");

    private static final Map<String, String> COLUMNS = Map.of("fiscalYear", "fiscal_year", "budgetCode",
            "budget_code", "fundSource", "fund_source", "glCode", "gl_code", "activity", "activity", "allotted",
            "allotted");

    record Row(long line, NewBudgetLine budgetLine) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    int rowsRead;

    static BudgetCsv parse(Reader reader, int maxRows) {
        BudgetCsv csv = new BudgetCsv();
        Map<String, Long> seen = new HashMap<>();
        try (CSVParser parser = CsvFormats.withHeader().parse(reader)) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                csv.errors.add(RowError.of(1, String.join(",", missing), "import.header", String.join(",", HEADER)));
                return csv;
            }
            for (CSVRecord record : parser) {
                csv.rowsRead++;
                long line = parser.getCurrentLineNumber();
                if (csv.rowsRead > maxRows) {
                    csv.errors.add(RowError.of(line, "", "import.tooManyRows", maxRows));
                    return csv;
                }
                csv.read(record, line, seen);
            }
        } catch (IOException | IllegalStateException | UncheckedIOException unreadable) {
            csv.errors.add(RowError.of(csv.rowsRead + 1L, "", "import.unreadable"));
        }
        if (csv.rowsRead == 0 && csv.errors.isEmpty()) {
            csv.errors.add(RowError.of(1, "", "import.empty"));
        }
        return csv;
    }

    private void read(CSVRecord record, long line, Map<String, Long> seen) {
        int before = errors.size();
        int year = 0;
        String yearText = record.get("fiscal_year").strip();
        if (yearText.matches("[0-9]{4}")) {
            year = Integer.parseInt(yearText);
        } else {
            errors.add(RowError.of(line, "fiscal_year", "budget.fiscalYear"));
        }
        BigDecimal allotted = null;
        try {
            String text = record.get("allotted").strip();
            allotted = "0".equals(text) || text.matches("0\\.0{1,2}") ? BigDecimal.ZERO.setScale(2) : Baht.parse(text);
        } catch (InvalidValueException invalid) {
            errors.add(RowError.of(line, "allotted", invalid.code()));
        }
        NewBudgetLine budgetLine = new NewBudgetLine(year, record.get("budget_code").strip(),
                record.get("fund_source").strip(), record.get("gl_code").strip(), record.get("activity").strip(),
                allotted == null ? BigDecimal.ZERO : allotted);
        java.util.Set<String> flagged = new java.util.HashSet<>();
        errors.subList(before, errors.size()).forEach(error -> flagged.add(error.column()));
        for (var problem : budgetLine.problems()) {
            String column = COLUMNS.getOrDefault(problem.field(), problem.field());
            if (!flagged.contains(column)) {
                errors.add(new RowError(line, column, problem.code(), problem.arguments()));
            }
        }
        String key = year + "|" + budgetLine.budgetCode() + "|" + budgetLine.fundSource() + "|" + budgetLine.glCode();
        Long earlier = seen.putIfAbsent(key, line);
        if (earlier != null) {
            errors.add(RowError.of(line, "budget_code", "import.duplicateInFile", budgetLine.budgetCode(), earlier));
        }
        if (errors.size() == before) {
            rows.add(new Row(line, budgetLine));
        }
    }
}
