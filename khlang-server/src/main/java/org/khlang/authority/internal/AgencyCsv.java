package org.khlang.authority.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.authority.Agencies;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.LocalKind;
import org.khlang.authority.NewAgency;
import org.khlang.authority.Province;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.InvalidValueException;

/**
 * Reads an agency CSV: {@code code,name_th,name_en,kind,local_kind,province,pilot}. Kinds and provinces may be
 * written in English or Thai ({@code ท้องถิ่น}, {@code อบต.}, {@code นครราชสีมา}), as clerks write them.
 */
final class AgencyCsv {

    static final List<String> HEADER = List.of("code", "name_th", "name_en", "kind", "local_kind", "province", "pilot");

    private static final Map<String, AgencyKind> KINDS = Map.of(
            "central", AgencyKind.CENTRAL, "ส่วนกลาง", AgencyKind.CENTRAL,
            "provincial", AgencyKind.PROVINCIAL, "ภูมิภาค", AgencyKind.PROVINCIAL, "ส่วนภูมิภาค", AgencyKind.PROVINCIAL,
            "local", AgencyKind.LOCAL, "ท้องถิ่น", AgencyKind.LOCAL, "ส่วนท้องถิ่น", AgencyKind.LOCAL);

    private static final Map<String, LocalKind> LOCAL_KINDS = Map.ofEntries(
            Map.entry("subdistrict_administration", LocalKind.SUBDISTRICT_ADMINISTRATION),
            Map.entry("อบต.", LocalKind.SUBDISTRICT_ADMINISTRATION),
            Map.entry("องค์การบริหารส่วนตำบล", LocalKind.SUBDISTRICT_ADMINISTRATION),
            Map.entry("subdistrict_municipality", LocalKind.SUBDISTRICT_MUNICIPALITY),
            Map.entry("เทศบาลตำบล", LocalKind.SUBDISTRICT_MUNICIPALITY),
            Map.entry("town_municipality", LocalKind.TOWN_MUNICIPALITY),
            Map.entry("เทศบาลเมือง", LocalKind.TOWN_MUNICIPALITY),
            Map.entry("city_municipality", LocalKind.CITY_MUNICIPALITY),
            Map.entry("เทศบาลนคร", LocalKind.CITY_MUNICIPALITY),
            Map.entry("provincial_administration", LocalKind.PROVINCIAL_ADMINISTRATION),
            Map.entry("อบจ.", LocalKind.PROVINCIAL_ADMINISTRATION),
            Map.entry("องค์การบริหารส่วนจังหวัด", LocalKind.PROVINCIAL_ADMINISTRATION));

    /** The CSV column of each field of {@link NewAgency#problems}. */
    private static final Map<String, String> COLUMNS = Map.of("code", "code", "nameTh", "name_th", "nameEn", "name_en",
            "kind", "kind", "localKind", "local_kind", "province", "province");

    record Row(long line, NewAgency agency) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();
    private int rowsRead;

    private AgencyCsv() {
    }

    List<Row> rows() {
        return rows;
    }

    List<RowError> errors() {
        return errors;
    }

    int rowsRead() {
        return rowsRead;
    }

    static AgencyCsv parse(Reader reader, int maxRows, Agencies agencies) {
        AgencyCsv csv = new AgencyCsv();
        Map<String, String> provinces = provinceLookup(agencies.provinces());
        Map<String, Long> codesSeen = new HashMap<>();
        try (CSVParser parser = org.khlang.shared.CsvFormats.withHeader().parse(reader)) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column)).toList();
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
                csv.read(record, line, provinces, codesSeen);
            }
        } catch (IOException | IllegalStateException | UncheckedIOException exception) {
            csv.errors.add(RowError.of(csv.rowsRead + 1L, "", "import.unreadable"));
        }
        if (csv.rowsRead == 0 && csv.errors.isEmpty()) {
            csv.errors.add(RowError.of(1, "", "import.empty"));
        }
        return csv;
    }

    private void read(CSVRecord record, long line, Map<String, String> provinces, Map<String, Long> codesSeen) {
        int before = errors.size();
        AgencyCode code = null;
        try {
            code = new AgencyCode(record.get("code"));
        } catch (InvalidValueException invalid) {
            errors.add(RowError.of(line, "code", "agencyCode.format"));
        }
        if (code != null && codesSeen.putIfAbsent(code.value(), line) != null) {
            errors.add(RowError.of(line, "code", "import.duplicateInFile", code.value(), codesSeen.get(code.value())));
        }
        AgencyKind kind = lookup(KINDS, record.get("kind"), line, "kind", "agency.kind.unknown");
        String localKindText = record.get("local_kind");
        LocalKind localKind = localKindText == null || localKindText.isBlank() ? null
                : lookup(LOCAL_KINDS, localKindText, line, "local_kind", "agency.localKind.unknown");
        String province = provinces.get(normalise(record.get("province")));
        if (province == null) {
            errors.add(RowError.of(line, "province", "province.unknown", record.get("province")));
        }
        Boolean pilot = parsePilot(record.get("pilot"));
        if (pilot == null) {
            errors.add(RowError.of(line, "pilot", "import.boolean", record.get("pilot")));
        }
        java.util.Set<String> flagged = new java.util.HashSet<>();
        errors.subList(before, errors.size()).forEach(error -> flagged.add(error.column()));
        for (var problem : NewAgency.problems(code, record.get("name_th"), record.get("name_en"), kind, localKind,
                province)) {
            String column = COLUMNS.getOrDefault(problem.field(), problem.field());
            if (!flagged.contains(column)) {
                errors.add(new RowError(line, column, problem.code(), problem.arguments()));
            }
        }
        if (errors.size() == before) {
            rows.add(new Row(line, new NewAgency(code, record.get("name_th"), record.get("name_en"), kind, localKind,
                    province, pilot)));
        }
    }

    private <T> T lookup(Map<String, T> table, String text, long line, String column, String code) {
        T value = table.get(normalise(text));
        if (value == null) {
            errors.add(RowError.of(line, column, code, text));
        }
        return value;
    }

    private static Boolean parsePilot(String text) {
        String value = normalise(text);
        return switch (value) {
            case "", "false", "no", "n", "0", "ไม่ใช่", "ไม่" -> false;
            case "true", "yes", "y", "1", "ใช่", "นำร่อง" -> true;
            default -> null;
        };
    }

    private static Map<String, String> provinceLookup(List<Province> provinces) {
        Map<String, String> lookup = new HashMap<>();
        for (Province province : provinces) {
            lookup.put(province.code(), province.code());
            lookup.put(normalise(province.nameTh()), province.code());
            lookup.put(normalise("จังหวัด" + province.nameTh()), province.code());
            lookup.put(normalise(province.nameEn()), province.code());
        }
        return lookup;
    }

    static String normalise(String text) {
        return Optional.ofNullable(text).orElse("").strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
