package org.khlang.shared;

import java.util.List;

/**
 * A request that Khlang refuses, with a message code resolved in Thai and English
 * ({@code problem.<code>} in the messages bundles). Thrown inside a transaction, it rolls the whole
 * command back, so nothing is half-saved. The API answers it as RFC 9457 problem details.
 */
public class KhlangProblem extends RuntimeException {

    private final ProblemKind kind;
    private final String code;
    private final transient Object[] arguments;
    private final List<FieldProblem> fieldProblems;

    public KhlangProblem(ProblemKind kind, String code, Object... arguments) {
        this(kind, code, List.of(), arguments);
    }

    public KhlangProblem(ProblemKind kind, String code, List<FieldProblem> fieldProblems, Object... arguments) {
        super(code);
        this.kind = kind;
        this.code = code;
        this.arguments = arguments.clone();
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** One refused field of a form or a row: the field's name and a message code with its arguments. */
    public record FieldProblem(String field, String code, List<Object> arguments) {
        public FieldProblem {
            arguments = List.copyOf(arguments);
        }

        public static FieldProblem of(String field, String code, Object... arguments) {
            return new FieldProblem(field, code, List.of(arguments));
        }
    }
}
