package org.khlang.identity.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.LegacyImport;
import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.khlang.shared.web.Uploads;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Migration of the old system's users (R1-R3): upload, check, import all or nothing, print the letters. */
@Controller
@RequestMapping("/registrar/legacy-import")
class LegacyImportController {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final LegacyImport legacyImport;
    private final FormErrors errors;

    LegacyImportController(LegacyImport legacyImport, FormErrors errors) {
        this.legacyImport = legacyImport;
        this.errors = errors;
    }

    @GetMapping
    String form() {
        return "registrar/legacy-import";
    }

    @PostMapping
    String importFile(Actor actor, @RequestParam(required = false) MultipartFile file, Model model,
                      HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store"); // the answer carries initial passwords
        try {
            ImportReport<IssuedCredential> report = legacyImport.importCsv(Uploads.csv(file, MAX_BYTES), actor);
            model.addAttribute("report", report);
            if (!report.imported()) {
                response.setStatus(422);
            }
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
        }
        return "registrar/legacy-import";
    }
}
