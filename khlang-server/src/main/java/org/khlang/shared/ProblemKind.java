package org.khlang.shared;

/** The kinds of refusal, each with the HTTP status that the API answers with. */
public enum ProblemKind {
    INVALID(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    UNPROCESSABLE(422),
    TOO_MANY_REQUESTS(429);

    private final int httpStatus;

    ProblemKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
