package org.khlang.authority;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;

/** An assignment as the agency head enters it; every field is checked and all problems reported at once. */
public record NewAssignment(long accountId, Right right, boolean substitute, LocalDate effectiveFrom,
                            LocalDate effectiveTo, String duties, String controlGuidelines, String credentialCustody,
                            boolean ends) {

    /** An appointment. */
    public NewAssignment(long accountId, Right right, boolean substitute, LocalDate effectiveFrom, LocalDate effectiveTo,
                         String duties, String controlGuidelines, String credentialCustody) {
        this(accountId, right, substitute, effectiveFrom, effectiveTo, duties, controlGuidelines, credentialCustody,
                false);
    }

    /** Ends the person's right for the agency from {@code from} on (the day before is the last day). */
    public static NewAssignment ending(long accountId, Right right, LocalDate from) {
        return new NewAssignment(accountId, right, false, from, null, "สิ้นสุดการมอบหมาย (end of assignment)", "-", "-",
                true);
    }

    /** The rights an agency head may appoint by order; AGENCY_HEAD itself comes from the registrar. */
    public static final Set<Right> APPOINTABLE = EnumSet.of(Right.RECORDER, Right.WITHDRAWAL_APPROVER,
            Right.PAYMENT_APPROVER, Right.INTERNAL_AUDITOR);

    public NewAssignment {
        duties = clean(duties);
        controlGuidelines = clean(controlGuidelines);
        credentialCustody = clean(credentialCustody);
        List<FieldProblem> problems = new ArrayList<>();
        if (right == null || !APPOINTABLE.contains(right) && right != Right.AGENCY_HEAD) {
            problems.add(FieldProblem.of("right", "order.right.notAppointable"));
        }
        if (effectiveFrom == null) {
            problems.add(FieldProblem.of("effectiveFrom", "field.required"));
        } else if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            problems.add(FieldProblem.of("effectiveTo", "order.dates"));
        }
        text(problems, "duties", duties, 2000);
        text(problems, "controlGuidelines", controlGuidelines, 2000);
        text(problems, "credentialCustody", credentialCustody, 1000);
        if (!problems.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "order.assignment.invalid", problems);
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null) {
            problems.add(FieldProblem.of(field, "field.required"));
        } else if (value.length() > max) {
            problems.add(FieldProblem.of(field, "field.tooLong", max));
        }
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
