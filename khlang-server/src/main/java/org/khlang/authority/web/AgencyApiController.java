package org.khlang.authority.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.AuthorityProperties;
import org.khlang.authority.LocalKind;
import org.khlang.authority.NewAgency;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.shared.Actor;
import org.khlang.shared.CsvFormats;
import org.khlang.shared.ImportReport;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.Page;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** JSON API of agencies for registrars: list those the office serves, register one, import a CSV. */
@ApiController("/api/v1/registrar/agencies")
class AgencyApiController {

    private final Agencies agencies;
    private final Rights rights;
    private final AuthorityProperties properties;
    private final Clock clock;
    private final org.khlang.authority.AccountDirectory people;

    AgencyApiController(Agencies agencies, Rights rights, AuthorityProperties properties, Clock clock,
                        org.khlang.authority.AccountDirectory people) {
        this.people = people;
        this.agencies = agencies;
        this.rights = rights;
        this.properties = properties;
        this.clock = clock;
    }

    record AgencyView(long id, String code, String nameTh, String nameEn, AgencyKind kind, LocalKind localKind,
                      String provinceCode, long registrarOfficeId, boolean pilot) {
        static AgencyView of(Agency agency) {
            return new AgencyView(agency.id(), agency.code().value(), agency.nameTh(), agency.nameEn(), agency.kind(),
                    agency.localKind(), agency.provinceCode(), agency.registrarOfficeId(), agency.pilot());
        }
    }

    record NewAgencyRequest(String code, String nameTh, String nameEn, AgencyKind kind, LocalKind localKind,
                            String provinceCode, boolean pilot) {
    }

    @GetMapping
    Page<AgencyView> list(Actor actor, @RequestParam(defaultValue = "") String q,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        Long office = rights.registrarOfficesOf(actor.accountId(), LocalDate.now(clock)).stream().findFirst()
                .orElse(-1L);
        Page<Agency> found = agencies.search(q, office, page, size);
        return new Page<>(found.items().stream().map(AgencyView::of).toList(), found.number(), found.size(),
                found.total());
    }

    @PostMapping
    ResponseEntity<AgencyView> register(Actor actor, @RequestBody NewAgencyRequest request) {
        NewAgency agency = new NewAgency(new AgencyCode(request.code()), request.nameTh(), request.nameEn(),
                request.kind(), request.localKind(), request.provinceCode(), request.pilot());
        return ResponseEntity.status(HttpStatus.CREATED).body(AgencyView.of(agencies.register(agency, actor)));
    }

    record HolderView(long accountId, String name, String right, boolean substitute, LocalDate from, LocalDate to,
                      String source) {
    }

    /** "Who could approve payments for agency X on date D": the holders of a right for a served agency on a date. */
    @GetMapping("/{code}/holders")
    java.util.List<HolderView> holders(Actor actor, @PathVariable String code, @RequestParam Right right,
                                       @RequestParam LocalDate date) {
        Agency agency = agencies.byCode(new AgencyCode(code))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFoundCode", code));
        if (!rights.servesAgency(actor.accountId(), agency, LocalDate.now(clock))) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "registrar.notServing", code);
        }
        return rights.holders(agency.id(), right, date).stream()
                .map(grant -> new HolderView(grant.accountId(), people.displayName(grant.accountId()),
                        grant.right().name(), grant.substitute(), grant.effectiveFrom(), grant.effectiveTo(),
                        grant.source()))
                .toList();
    }

    /** 200 with the imported agencies, or 422 with every bad row; nothing is saved then. */
    @PostMapping("/import")
    ResponseEntity<ImportReport<AgencyView>> importCsv(Actor actor, @RequestParam("file") MultipartFile file)
            throws IOException {
        if (file.isEmpty()) {
            throw new InvalidValueException("import.fileRequired");
        }
        if (file.getSize() > properties.importMaxBytes()) {
            throw new KhlangProblem(ProblemKind.INVALID, "import.tooLarge");
        }
        ImportReport<Agency> report = agencies.importCsv(CsvFormats.utf8(file.getBytes()), actor);
        ImportReport<AgencyView> view = new ImportReport<>(report.rowsRead(), report.imported(), report.errors(),
                report.results().stream().map(AgencyView::of).toList());
        return ResponseEntity.status(report.imported() ? 200 : 422).body(view);
    }
}
