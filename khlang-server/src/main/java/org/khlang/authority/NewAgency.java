package org.khlang.authority;

import java.util.ArrayList;
import java.util.List;

import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;

/** What a registrar types, or a CSV row holds, to register an agency. Validated as a whole. */
public record NewAgency(AgencyCode code, String nameTh, String nameEn, AgencyKind kind, LocalKind localKind,
                        String provinceCode, boolean pilot) {

    public static final int MAX_NAME_LENGTH = 300;

    public NewAgency {
        nameTh = nameTh == null ? null : nameTh.strip();
        nameEn = nameEn == null || nameEn.isBlank() ? null : nameEn.strip();
        List<FieldProblem> problems = problems(code, nameTh, nameEn, kind, localKind, provinceCode);
        if (!problems.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "agency.invalid", problems);
        }
    }

    /** Every problem of the values, by field ({@code code, nameTh, nameEn, kind, localKind, province}). */
    public static List<FieldProblem> problems(AgencyCode code, String nameTh, String nameEn, AgencyKind kind,
                                       LocalKind localKind, String provinceCode) {
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null) {
            problems.add(FieldProblem.of("code", "agencyCode.format"));
        }
        if (nameTh == null || nameTh.isBlank()) {
            problems.add(FieldProblem.of("nameTh", "agency.nameTh.required"));
        } else if (nameTh.length() > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.of("nameTh", "field.tooLong", MAX_NAME_LENGTH));
        }
        if (nameEn != null && nameEn.length() > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.of("nameEn", "field.tooLong", MAX_NAME_LENGTH));
        }
        if (kind == null) {
            problems.add(FieldProblem.of("kind", "agency.kind.required"));
        } else if (kind == AgencyKind.LOCAL && localKind == null) {
            problems.add(FieldProblem.of("localKind", "agency.localKind.required"));
        } else if (kind != AgencyKind.LOCAL && localKind != null) {
            problems.add(FieldProblem.of("localKind", "agency.localKind.onlyLocal"));
        }
        if (provinceCode == null || !provinceCode.matches("[0-9]{2}")) {
            problems.add(FieldProblem.of("province", "province.unknown", String.valueOf(provinceCode)));
        }
        return problems;
    }
}
