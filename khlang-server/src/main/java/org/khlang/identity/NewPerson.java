package org.khlang.identity;

import java.util.ArrayList;
import java.util.List;

import org.khlang.shared.CitizenId;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;

/** A person as a registrar types them in; every field is checked and all problems are reported at once. */
public record NewPerson(CitizenId citizenId, String titleTh, String firstNameTh, String lastNameTh,
                        String firstNameEn, String lastNameEn, String email, String mobile, Long agencyId) {

    public static final int MAX_NAME_LENGTH = 100;

    public NewPerson {
        titleTh = clean(titleTh);
        firstNameTh = clean(firstNameTh);
        lastNameTh = clean(lastNameTh);
        firstNameEn = clean(firstNameEn);
        lastNameEn = clean(lastNameEn);
        email = clean(email);
        mobile = mobile == null ? null : clean(mobile.replace("-", "").replace(" ", ""));
        List<FieldProblem> problems = new ArrayList<>();
        if (citizenId == null) {
            problems.add(FieldProblem.of("citizenId", "citizenId.required"));
        }
        required(problems, "titleTh", titleTh);
        required(problems, "firstNameTh", firstNameTh);
        required(problems, "lastNameTh", lastNameTh);
        length(problems, "firstNameEn", firstNameEn);
        length(problems, "lastNameEn", lastNameEn);
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            problems.add(FieldProblem.of("email", "email.format"));
        }
        if (mobile != null && !mobile.matches("0[0-9]{8,9}")) {
            problems.add(FieldProblem.of("mobile", "mobile.format"));
        }
        if (!problems.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "person.invalid", problems);
        }
    }

    /** Builds from typed text, turning a bad citizen ID into a field problem alongside the others. */
    public static NewPerson of(String citizenId, String titleTh, String firstNameTh, String lastNameTh,
                               String firstNameEn, String lastNameEn, String email, String mobile, Long agencyId) {
        CitizenId id;
        try {
            id = CitizenId.of(citizenId);
        } catch (InvalidValueException invalid) {
            List<FieldProblem> problems = new ArrayList<>();
            problems.add(FieldProblem.of("citizenId", invalid.code()));
            try {
                new NewPerson(CitizenId.completing("110000000000"), titleTh, firstNameTh, lastNameTh, firstNameEn,
                        lastNameEn, email, mobile, agencyId);
            } catch (KhlangProblem others) {
                problems.addAll(others.fieldProblems());
            }
            throw new KhlangProblem(ProblemKind.INVALID, "person.invalid", problems);
        }
        return new NewPerson(id, titleTh, firstNameTh, lastNameTh, firstNameEn, lastNameEn, email, mobile, agencyId);
    }

    private static void required(List<FieldProblem> problems, String field, String value) {
        if (value == null) {
            problems.add(FieldProblem.of(field, "field.required"));
        } else {
            length(problems, field, value);
        }
    }

    private static void length(List<FieldProblem> problems, String field, String value) {
        if (value != null && value.length() > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.of(field, "field.tooLong", MAX_NAME_LENGTH));
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
