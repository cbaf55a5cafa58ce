package org.khlang.shared;

/**
 * A value object refused its input. The code names a message in the {@code messages} bundles
 * ({@code problem.<code>}), so the refusal reaches people in Thai and English.
 */
public class InvalidValueException extends KhlangProblem {

    public InvalidValueException(String code, Object... arguments) {
        super(ProblemKind.INVALID, code, arguments);
    }
}
