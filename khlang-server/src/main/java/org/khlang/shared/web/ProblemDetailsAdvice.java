package org.khlang.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.khlang.shared.KhlangProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refusal of the API leaves as RFC 9457 problem details with the message in Thai
 * ({@code message_th}) and English ({@code message_en}); {@code detail} is in the caller's language.
 * Unexpected failures answer 500 without a stack trace and are logged with an id the caller sees.
 */
@RestControllerAdvice(annotations = ApiController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final Messages messages;

    ProblemDetailsAdvice(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(KhlangProblem.class)
    ResponseEntity<ProblemDetail> problem(KhlangProblem problem) {
        String key = "problem." + problem.code();
        ProblemDetail detail = build(problem.kind().httpStatus(), problem.code(), key, problem.arguments());
        if (!problem.fieldProblems().isEmpty()) {
            List<Map<String, Object>> errors = problem.fieldProblems().stream()
                    .map(field -> Map.<String, Object>of(
                            "field", field.field(),
                            "code", field.code(),
                            "message_th", messages.thai("problem." + field.code(), field.arguments().toArray()),
                            "message_en", messages.english("problem." + field.code(), field.arguments().toArray())))
                    .toList();
            detail.setProperty("errors", errors);
        }
        return ResponseEntity.status(detail.getStatus()).body(detail);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException exception) {
        ProblemDetail detail = build(400, "request.invalid", "problem.request.invalid");
        List<Map<String, Object>> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        detail.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(detail);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
        RequestRejectedException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception exception) {
        return ResponseEntity.badRequest().body(build(400, "request.unreadable", "problem.request.unreadable"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (DatabaseUnavailable.causedIt(exception)) {
            log.warn("The database cannot be reached: answered 503 ({})", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .body(build(503, "database.unavailable", "problem.database.unavailable"));
        }
        String incident = java.util.UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, exception);
        ProblemDetail detail = build(500, "internal", "problem.internal", incident);
        detail.setProperty("incident", incident);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(detail);
    }

    private ProblemDetail build(int status, String code, String key, Object... arguments) {
        ProblemDetail detail = ProblemDetail.forStatus(status);
        detail.setType(URI.create("https://khlang.org/problems/" + code));
        detail.setTitle(messages.english("problem.title." + status));
        detail.setDetail(messages.current(key, arguments));
        detail.setProperty("code", code);
        detail.setProperty("message_th", messages.thai(key, arguments));
        detail.setProperty("message_en", messages.english(key, arguments));
        return detail;
    }
}
