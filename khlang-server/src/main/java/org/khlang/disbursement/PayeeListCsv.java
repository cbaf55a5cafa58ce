package org.khlang.disbursement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.shared.Baht;
import org.khlang.shared.CitizenId;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.InvalidValueException;

/**
 * Reads a document's list of payees, typed or imported, as CSV with the header
 * {@code name,citizen_id,bank_code,account_number,amount}: all or nothing, every bad row named. The citizen ID may
 * be left empty; when given it must be a valid one. An account may appear once in a list.
 */
public final class PayeeListCsv {

    public static final List<String> HEADER = List.of("name", "citizen_id", "bank_code", "account_number", "amount");
    public static final int MAX_PAYEES = 10_000;

    private PayeeListCsv() {
    }

    public static ImportReport<PayeeLine> read(byte[] bytes) {
        List<PayeeLine> lines = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Long> accounts = new HashMap<>();
        int rows = 0;
        try (CSVParser parser = CsvFormats.withHeader().parse(CsvFormats.utf8(bytes))) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                return ImportReport.refused(0, List.of(RowError.of(1, String.join(",", missing), "import.header",
                        String.join(",", HEADER))));
            }
            for (CSVRecord record : parser) {
                rows++;
                long line = parser.getCurrentLineNumber();
                if (rows > MAX_PAYEES) {
                    errors.add(RowError.of(line, "", "import.tooManyRows", MAX_PAYEES));
                    break;
                }
                PayeeLine read = line(record, line, rows, errors);
                if (read != null) {
                    String key = read.account().bankCode() + ":" + read.account().number();
                    Long first = accounts.putIfAbsent(key, line);
                    if (first != null) {
                        errors.add(RowError.of(line, "account_number", "import.duplicateInFile",
                                read.account().number(), first));
                    } else {
                        lines.add(read);
                    }
                }
            }
        } catch (IOException | IllegalStateException | UncheckedIOException unreadable) {
            errors.add(RowError.of(rows + 1L, "", "import.unreadable"));
        } catch (InvalidValueException notText) {
            errors.add(RowError.of(1, "", notText.code()));
        }
        if (rows == 0 && errors.isEmpty()) {
            errors.add(RowError.of(1, "", "import.empty"));
        }
        return errors.isEmpty() ? ImportReport.done(lines) : ImportReport.refused(rows, errors);
    }

    private static PayeeLine line(CSVRecord record, long line, int number, List<RowError> errors) {
        int before = errors.size();
        String name = record.get("name").strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(RowError.of(line, "name", "payeeList.name"));
        }
        String citizen = record.get("citizen_id").strip().replace("-", "").replace(" ", "");
        if (!citizen.isEmpty()) {
            try {
                citizen = CitizenId.of(citizen).value();
            } catch (InvalidValueException invalid) {
                errors.add(RowError.of(line, "citizen_id", invalid.code()));
            }
        }
        BigDecimal amount = null;
        try {
            amount = Baht.parse(record.get("amount"));
        } catch (InvalidValueException invalid) {
            errors.add(RowError.of(line, "amount", invalid.code()));
        }
        BankAccount account = null;
        try {
            account = new BankAccount(record.get("bank_code").strip(), record.get("account_number").strip()
                    .replace("-", ""), name.isEmpty() ? "-" : name);
        } catch (InvalidValueException invalid) {
            errors.add(RowError.of(line, "account_number", invalid.code(), invalid.arguments()));
        }
        if (errors.size() > before) {
            return null;
        }
        return new PayeeLine(number, name, citizen.isEmpty() ? null : citizen, account, amount);
    }
}
