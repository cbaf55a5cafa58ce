package org.khlang.disbursement.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.disbursement.Payment;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.InvalidValueException;

/**
 * Reads a bank's result file for a direct-pay batch: {@code end_to_end_id,status,reason}, status {@code PAID} (or the
 * ISO 20022 code {@code ACSC}) or {@code FAILED} ({@code RJCT}, with a reason). A payment already settled the same
 * way is left as it is, so a file imported twice changes nothing; a contradiction refuses the whole file.
 */
final class BankResultCsv {

    static final List<String> HEADER = List.of("end_to_end_id", "status", "reason");

    private BankResultCsv() {
    }

    static BankResultMatch parse(byte[] bytes, List<Payment> payments) {
        BankResultMatch csv = new BankResultMatch(payments);
        int rows = 0;
        try (CSVParser parser = CsvFormats.withHeader().parse(CsvFormats.utf8(bytes))) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                csv.refuse(1, String.join(",", missing), "import.header", String.join(",", HEADER));
                return csv;
            }
            for (CSVRecord record : parser) {
                rows++;
                long line = parser.getCurrentLineNumber();
                if (rows > payments.size()) {
                    csv.refuse(line, "", "import.tooManyRows", payments.size());
                    return csv;
                }
                read(csv, record, line);
            }
        } catch (IOException | IllegalStateException | UncheckedIOException | InvalidValueException unreadable) {
            csv.refuse(rows + 1L, "", "import.unreadable");
        }
        if (rows == 0 && csv.errors.isEmpty()) {
            csv.refuse(1, "", "import.empty");
        }
        return csv;
    }

    private static void read(BankResultMatch csv, CSVRecord record, long line) {
        String id = record.get("end_to_end_id").strip();
        String status = record.get("status").strip().toUpperCase(java.util.Locale.ROOT);
        BankResultMatch.Outcome outcome;
        if (status.equals("PAID") || status.equals("ACSC")) {
            outcome = BankResultMatch.Outcome.PAID;
        } else if (status.equals("FAILED") || status.equals("RJCT")) {
            outcome = BankResultMatch.Outcome.FAILED;
        } else {
            csv.refuse(line, "status", "payment.result.status", status);
            return;
        }
        String reason = record.get("reason") == null ? "" : record.get("reason").strip();
        if (outcome == BankResultMatch.Outcome.FAILED && (reason.isEmpty()
                || reason.length() > BankResultMatch.MAX_REASON)) {
            csv.refuse(line, "reason", "payment.result.reason");
            return;
        }
        csv.offer(line, id, outcome, reason, null, null);
    }
}
