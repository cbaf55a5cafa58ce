package org.khlang.shared;

import java.util.List;

/**
 * The outcome of a CSV import, which is all or nothing: either every row was imported, or none was and
 * {@link #errors()} names every bad row.
 *
 * @param rowsRead  data rows read (the header is not counted)
 * @param imported  true when every row was imported
 * @param errors    one entry per problem, in line order
 */
public record ImportReport<T>(int rowsRead, boolean imported, List<RowError> errors, List<T> results) {

    public ImportReport {
        errors = List.copyOf(errors);
        results = List.copyOf(results);
        if (imported && !errors.isEmpty()) {
            throw new IllegalArgumentException("an import with errors imports nothing");
        }
    }

    public static <T> ImportReport<T> refused(int rowsRead, List<RowError> errors) {
        return new ImportReport<>(rowsRead, false, errors, List.of());
    }

    public static <T> ImportReport<T> done(List<T> results) {
        return new ImportReport<>(results.size(), true, List.of(), results);
    }

    /**
     * One problem in one row.
     *
     * @param line      the line number in the file (the header is line 1)
     * @param column    the column's name, or empty for the whole row
     * @param code      a message code, resolved as {@code problem.<code>}
     * @param arguments the message's arguments
     */
    public record RowError(long line, String column, String code, List<Object> arguments) {
        public RowError {
            arguments = List.copyOf(arguments);
        }

        public static RowError of(long line, String column, String code, Object... arguments) {
            return new RowError(line, column, code, List.of(arguments));
        }
    }
}
