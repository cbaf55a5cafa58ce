package org.khlang.shared.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.khlang.shared.Baht;

/**
 * A report as a table, ready for every format: a title, lines under it (agency, period), columns, rows and an
 * optional totals row. Cells are text or amounts ({@link BigDecimal}, shown "1,234.50" on screen and in the PDF,
 * kept as numbers in XLSX); dates arrive already written (Buddhist era) by the caller.
 */
public record ReportTable(String title, List<String> subtitle, List<Column> columns, List<List<Object>> rows,
                          List<Object> totals, String generatedBy) {

    public ReportTable {
        subtitle = List.copyOf(subtitle);
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new ArrayList<>(row))).toList();
        totals = totals == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(totals));
    }

    public record Column(String header, boolean amount) {
        public static Column text(String header) {
            return new Column(header, false);
        }

        public static Column amount(String header) {
            return new Column(header, true);
        }
    }

    /** Every row's cells as people read them. */
    public List<List<String>> texts() {
        return rows.stream().map(row -> row.stream().map(ReportTable::text).toList()).toList();
    }

    /** The totals row as people read it, or an empty list. */
    public List<String> totalTexts() {
        return totals == null ? List.of() : totals.stream().map(ReportTable::text).toList();
    }

    /** The cell as people read it. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal amount) {
            return Baht.format(amount);
        }
        return value.toString();
    }

    /** The sum of an amount column over the rows. */
    public static BigDecimal sum(List<List<Object>> rows, int column) {
        return rows.stream().map(row -> row.get(column)).filter(BigDecimal.class::isInstance)
                .map(BigDecimal.class::cast).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
