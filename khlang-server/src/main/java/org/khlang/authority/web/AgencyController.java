package org.khlang.authority.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.AuthorityProperties;
import org.khlang.authority.LocalKind;
import org.khlang.authority.NewAgency;
import org.khlang.authority.Rights;
import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.shared.web.Uploads;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The registrar's agencies: the ones its office serves, one at a time or from a CSV file. */
@Controller
@RequestMapping("/registrar/agencies")
class AgencyController {

    private static final int PAGE_SIZE = 25;

    private final Agencies agencies;
    private final Rights rights;
    private final FormErrors errors;
    private final AuthorityProperties properties;
    private final Clock clock;

    AgencyController(Agencies agencies, Rights rights, FormErrors errors, AuthorityProperties properties, Clock clock) {
        this.agencies = agencies;
        this.rights = rights;
        this.errors = errors;
        this.properties = properties;
        this.clock = clock;
    }

    record AgencyForm(String code, String nameTh, String nameEn, String kind, String localKind, String province,
                      boolean pilot) {
    }

    @GetMapping
    String list(Actor actor, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Set<Long> offices = rights.registrarOfficesOf(actor.accountId(), LocalDate.now(clock));
        Long office = offices.stream().findFirst().orElse(-1L);
        model.addAttribute("q", q);
        model.addAttribute("page", agencies.search(q, office, page, PAGE_SIZE));
        model.addAttribute("office", agencies.registrarOffice(office).orElse(null));
        return "registrar/agencies";
    }

    @GetMapping("/new")
    String form(Model model) {
        model.addAttribute("form", new AgencyForm("", "", "", "LOCAL", "SUBDISTRICT_ADMINISTRATION", "", false));
        return formView(model);
    }

    @PostMapping("/new")
    String register(Actor actor, @ModelAttribute("form") AgencyForm form, Model model,
                    HttpServletResponse response) {
        try {
            Agency agency = agencies.register(toAgency(form), actor);
            return "redirect:/registrar/agencies?q=" + agency.code();
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
            return formView(model);
        }
    }

    @GetMapping("/import")
    String importForm() {
        return "registrar/agency-import";
    }

    @PostMapping("/import")
    String importFile(Actor actor, @RequestParam(required = false) MultipartFile file,
                      Model model, HttpServletResponse response) throws IOException {
        try {
            ImportReport<Agency> report = agencies.importCsv(Uploads.csv(file, properties.importMaxBytes()), actor);
            model.addAttribute("report", report);
            if (!report.imported()) {
                response.setStatus(422);
            }
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
        }
        return "registrar/agency-import";
    }

    private String formView(Model model) {
        model.addAttribute("provinces", agencies.provinces());
        model.addAttribute("kinds", AgencyKind.values());
        model.addAttribute("localKinds", LocalKind.values());
        return "registrar/agency-new";
    }

    private static NewAgency toAgency(AgencyForm form) {
        AgencyCode code;
        try {
            code = new AgencyCode(form.code());
        } catch (InvalidValueException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "agency.invalid",
                    java.util.List.of(FieldProblem.of("code", "agencyCode.format")));
        }
        AgencyKind kind = parse(AgencyKind.class, form.kind());
        LocalKind localKind = kind == AgencyKind.LOCAL ? parse(LocalKind.class, form.localKind()) : null;
        return new NewAgency(code, form.nameTh(), form.nameEn(), kind, localKind, form.province(), form.pilot());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
