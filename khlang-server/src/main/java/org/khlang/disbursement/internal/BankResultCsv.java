package org.khlang.disbursement.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.disbursement.Payment;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.InvalidValueException;

/**
 * Reads a bank's result file for a direct-pay batch: {@code end_to_end_id,status,reason}, status {@code PAID} (or the
 * ISO 20022 code {@code ACSC}) or {@code FAILED} ({@code RJCT}, with a reason). A payment already settled the same
 * way is left as it is, so a file imported twice changes nothing; a contradiction refuses the whole file.
 */
final class BankResultCsv {

    static final List<String> HEADER = List.of("end_to_end_id", "status", "reason");

    record Result(Payment payment, boolean paid, String reason) {
    }

    final List<Result> results = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    int unchanged;

    static BankResultCsv parse(byte[] bytes, List<Payment> payments) {
        BankResultCsv csv = new BankResultCsv();
        Map<String, Payment> byId = new HashMap<>();
        payments.forEach(payment -> byId.put(payment.endToEndId(), payment));
        Set<String> seen = new HashSet<>();
        int rows = 0;
        try (CSVParser parser = CsvFormats.withHeader().parse(CsvFormats.utf8(bytes))) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                csv.errors.add(RowError.of(1, String.join(",", missing), "import.header", String.join(",", HEADER)));
                return csv;
            }
            for (CSVRecord record : parser) {
                rows++;
                long line = parser.getCurrentLineNumber();
                if (rows > payments.size()) {
                    csv.errors.add(RowError.of(line, "", "import.tooManyRows", payments.size()));
                    return csv;
                }
                csv.read(record, line, byId, seen);
            }
        } catch (IOException | IllegalStateException | UncheckedIOException | InvalidValueException unreadable) {
            csv.errors.add(RowError.of(rows + 1L, "", "import.unreadable"));
        }
        if (rows == 0 && csv.errors.isEmpty()) {
            csv.errors.add(RowError.of(1, "", "import.empty"));
        }
        return csv;
    }

    private void read(CSVRecord record, long line, Map<String, Payment> byId, Set<String> seen) {
        String id = record.get("end_to_end_id").strip();
        Payment payment = byId.get(id);
        if (payment == null) {
            errors.add(RowError.of(line, "end_to_end_id", "payment.result.unknown", id));
            return;
        }
        if (!seen.add(id)) {
            errors.add(RowError.of(line, "end_to_end_id", "payment.result.duplicate", id));
            return;
        }
        String status = record.get("status").strip().toUpperCase(java.util.Locale.ROOT);
        boolean paid;
        if (status.equals("PAID") || status.equals("ACSC")) {
            paid = true;
        } else if (status.equals("FAILED") || status.equals("RJCT")) {
            paid = false;
        } else {
            errors.add(RowError.of(line, "status", "payment.result.status", status));
            return;
        }
        String reason = record.get("reason") == null ? "" : record.get("reason").strip();
        if (!paid && (reason.isEmpty() || reason.length() > 200)) {
            errors.add(RowError.of(line, "reason", "payment.result.reason"));
            return;
        }
        if (payment.state() != Payment.State.SENT) {
            if (payment.state() == (paid ? Payment.State.PAID : Payment.State.FAILED)) {
                unchanged++;
            } else {
                errors.add(RowError.of(line, "status", "payment.result.contradicts", id, payment.state()));
            }
            return;
        }
        results.add(new Result(payment, paid, paid ? null : reason));
    }
}
