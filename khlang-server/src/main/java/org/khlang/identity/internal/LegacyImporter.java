package org.khlang.identity.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.authority.SegregationOfDuties;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.LegacyCredential;
import org.khlang.identity.LegacyImport;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.shared.KhlangProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R1-R3: one row per legacy credential; a person with several credentials has several rows and gets one account
 * holding every mapped right. Checked in full before anything is written.
 */
@Service
class LegacyImporter implements LegacyImport {

    static final List<String> HEADER = List.of("citizen_id", "title_th", "first_name_th", "last_name_th", "email",
            "mobile", "agency_code", "credential", "legacy_username");

    private final CredentialService credentials;
    private final AccountStore accounts;
    private final Agencies agencies;
    private final Rights rights;
    private final AuditLog audit;
    private final Clock clock;
    private final IdentityProperties properties;

    LegacyImporter(CredentialService credentials, AccountStore accounts, Agencies agencies, Rights rights,
                   AuditLog audit, Clock clock, IdentityProperties properties) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.agencies = agencies;
        this.rights = rights;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** One person of the file with every credential they held. */
    private record Holder(long firstLine, NewPerson person, Agency agency, Map<LegacyCredential, Long> credentials,
                          String legacyUsername) {
    }

    @Override
    @Transactional
    public ImportReport<IssuedCredential> importCsv(Reader csv, Actor registrar) {
        List<RowError> errors = new ArrayList<>();
        Map<String, Holder> holders = new LinkedHashMap<>();
        int rowsRead = read(csv, registrar, errors, holders);
        if (errors.isEmpty()) {
            holders.values().forEach(holder -> checkAgainstExisting(holder, errors));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingLong(RowError::line));
            audit.append(AuditEntry.of("identity.legacy.import.refused").by(registrar.username(), registrar.accountId())
                    .with("rows", rowsRead).with("errors", errors.size()).build());
            return ImportReport.refused(rowsRead, errors);
        }
        List<IssuedCredential> issued = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (Holder holder : holders.values()) {
            Username username = holder.legacyUsername() != null ? new Username(holder.legacyUsername())
                    : credentials.nextUsername(holder.agency());
            String mapped = String.join(",", holder.credentials().keySet().stream().map(Enum::name).toList());
            IssuedCredential credential = credentials.create(holder.person(), holder.agency(), username, mapped,
                    registrar);
            for (LegacyCredential legacy : holder.credentials().keySet()) {
                rights.grant(NewRightGrant.migrated(credential.account().id(), legacy.right(), holder.agency().id(),
                        today, "legacy:" + legacy.name()), registrar);
            }
            issued.add(credential);
        }
        audit.append(AuditEntry.of("identity.legacy.imported").by(registrar.username(), registrar.accountId())
                .with("rows", rowsRead).with("accounts", issued.size()).build());
        return new ImportReport<>(rowsRead, true, List.of(), issued);
    }

    private int read(Reader csv, Actor registrar, List<RowError> errors, Map<String, Holder> holders) {
        int rowsRead = 0;
        Map<String, Long> usernamesSeen = new HashMap<>();
        try (CSVParser parser = CsvFormats.withHeader().parse(csv)) {
            List<String> missing = HEADER.stream().filter(column -> !parser.getHeaderMap().containsKey(column)).toList();
            if (!missing.isEmpty()) {
                errors.add(RowError.of(1, String.join(",", missing), "import.header", String.join(",", HEADER)));
                return 0;
            }
            for (CSVRecord record : parser) {
                rowsRead++;
                long line = parser.getCurrentLineNumber();
                if (rowsRead > properties.importMaxRows()) {
                    errors.add(RowError.of(line, "", "import.tooManyRows", properties.importMaxRows()));
                    return rowsRead;
                }
                readRow(record, line, registrar, errors, holders, usernamesSeen);
            }
        } catch (IOException | IllegalStateException | UncheckedIOException unreadable) {
            errors.add(RowError.of(rowsRead + 1L, "", "import.unreadable"));
        }
        if (rowsRead == 0 && errors.isEmpty()) {
            errors.add(RowError.of(1, "", "import.empty"));
        }
        return rowsRead;
    }

    private void readRow(CSVRecord record, long line, Actor registrar, List<RowError> errors,
                         Map<String, Holder> holders, Map<String, Long> usernamesSeen) {
        int before = errors.size();
        Optional<Agency> agency = agency(record.get("agency_code"), line, registrar, errors);
        Optional<LegacyCredential> credential = LegacyCredential.parse(record.get("credential"));
        if (credential.isEmpty()) {
            errors.add(RowError.of(line, "credential", "legacy.credential.unknown", record.get("credential")));
        }
        String legacyUsername = blankToNull(record.get("legacy_username"));
        if (credential.isPresent()) {
            legacyUsername = checkLegacyUsername(credential.get(), legacyUsername, line, errors, usernamesSeen);
        }
        NewPerson person = null;
        try {
            person = NewPerson.of(record.get("citizen_id"), record.get("title_th"), record.get("first_name_th"),
                    record.get("last_name_th"), null, null, record.get("email"), record.get("mobile"),
                    agency.map(Agency::id).orElse(0L));
        } catch (KhlangProblem problem) {
            problem.fieldProblems().forEach(field ->
                    errors.add(new RowError(line, field.field(), field.code(), field.arguments())));
        }
        if (errors.size() > before) {
            return;
        }
        merge(line, person, agency.get(), credential.get(), legacyUsername, holders, errors);
    }

    private String checkLegacyUsername(LegacyCredential credential, String legacyUsername, long line,
                                       List<RowError> errors, Map<String, Long> usernamesSeen) {
        if (credential.isTokenKey()) {
            if (legacyUsername != null) {
                errors.add(RowError.of(line, "legacy_username", "legacy.username.notForTokenKey"));
            }
            return null;
        }
        if (legacyUsername == null) {
            errors.add(RowError.of(line, "legacy_username", "legacy.username.required"));
            return null;
        }
        try {
            String username = new Username(legacyUsername).value();
            Long earlier = usernamesSeen.putIfAbsent(username, line);
            if (earlier != null) {
                errors.add(RowError.of(line, "legacy_username", "import.duplicateInFile", username, earlier));
            } else if (accounts.usernameExists(username)) {
                errors.add(RowError.of(line, "legacy_username", "username.taken", username));
            }
            return username;
        } catch (KhlangProblem invalid) {
            errors.add(RowError.of(line, "legacy_username", "username.format"));
            return null;
        }
    }

    private Optional<Agency> agency(String code, long line, Actor registrar, List<RowError> errors) {
        Optional<Agency> agency;
        try {
            agency = agencies.byCode(new AgencyCode(code));
        } catch (KhlangProblem invalid) {
            errors.add(RowError.of(line, "agency_code", "agencyCode.format"));
            return Optional.empty();
        }
        if (agency.isEmpty()) {
            errors.add(RowError.of(line, "agency_code", "agency.notFoundCode", code));
        } else if (!rights.servesAgency(registrar.accountId(), agency.get(), LocalDate.now(clock))) {
            errors.add(RowError.of(line, "agency_code", "registrar.notServing", code));
            return Optional.empty();
        }
        return agency;
    }

    /** Rows of one person must agree; their credentials add up, but never into both approvals (R10). */
    private void merge(long line, NewPerson person, Agency agency, LegacyCredential credential, String legacyUsername,
                       Map<String, Holder> holders, List<RowError> errors) {
        Holder holder = holders.get(person.citizenId().value());
        if (holder == null) {
            Map<LegacyCredential, Long> held = new LinkedHashMap<>();
            held.put(credential, line);
            holders.put(person.citizenId().value(), new Holder(line, person, agency, held, legacyUsername));
            return;
        }
        if (holder.agency().id() != agency.id() || !holder.person().firstNameTh().equals(person.firstNameTh())
                || !holder.person().lastNameTh().equals(person.lastNameTh())) {
            errors.add(RowError.of(line, "citizen_id", "legacy.person.disagrees", holder.firstLine()));
            return;
        }
        if (holder.credentials().containsKey(credential)) {
            errors.add(RowError.of(line, "credential", "import.duplicateInFile", credential.name(),
                    holder.credentials().get(credential)));
            return;
        }
        Set<Right> rightsHeld = EnumSet.noneOf(Right.class);
        holder.credentials().keySet().forEach(held -> rightsHeld.add(held.right()));
        if (SegregationOfDuties.incompatibleWith(credential.right()).filter(rightsHeld::contains).isPresent()) {
            errors.add(RowError.of(line, "credential", "legacy.segregation", holder.firstLine()));
            return;
        }
        holder.credentials().put(credential, line);
        String username = holder.legacyUsername() != null ? holder.legacyUsername() : legacyUsername;
        holders.put(person.citizenId().value(), new Holder(holder.firstLine(), holder.person(), agency,
                holder.credentials(), username));
    }

    /** A person who already has an account is not imported twice; ask the registrar to sort it out. */
    private void checkAgainstExisting(Holder holder, List<RowError> errors) {
        Optional<PersonAccount> existing = accounts.byCitizenId(holder.person().citizenId());
        if (existing.isPresent()) {
            errors.add(RowError.of(holder.firstLine(), "citizen_id", "person.duplicate",
                    holder.person().citizenId().masked()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
