package org.khlang.shared.web;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that reaches the servlet container's error dispatch, whoever raised it: a security filter refusing a
 * page (access denied, a stale CSRF token), an unknown address, a wrong method, an upload too large, a failure in a
 * filter or a page. A person's browser gets the Thai/English error page in the normal layout, saying what happened
 * and what to do next; the JSON API, the device API and any caller that does not ask for HTML get RFC 9457 problem
 * details. A server error carries an incident id that is in the log beside the failure and on the page or problem.
 * Replaces Spring Boot's own error controller (which answered a page refused by a filter with its own JSON).
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {

    /** Set by a page refusal that knows more than its status, e.g. {@code csrf}; a key of {@code error.reason.*}. */
    static final String REASON = ErrorPages.class.getName() + ".reason";

    /** Statuses with their own heading and advice on the page; any other uses its class's (4xx, 5xx). */
    private static final Set<Integer> DESCRIBED = Set.of(400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503);

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final ProblemWriter problems;

    ErrorPages(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = status(request);
        String incident = status >= 500 ? incident(request) : null;
        if (!wantsPage(request)) {
            problems.write(request, response, status, problemCode(status, request), incident);
            return null;
        }
        response.setStatus(status);
        ModelAndView page = new ModelAndView("error");
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
        page.addObject("status", status);
        page.addObject("kind", kind(status));
        page.addObject("reason", request.getAttribute(REASON));
        page.addObject("incident", incident);
        return page;
    }

    /** Which heading and advice of {@code error.*} the page shows for a status. */
    static String kind(int status) {
        return DESCRIBED.contains(status) ? Integer.toString(status) : status >= 500 ? "5xx" : "4xx";
    }

    /** A page for a browser asking for a page; problem details for the APIs and for every other caller. */
    static boolean wantsPage(HttpServletRequest request) {
        String uri = ProblemWriter.originalUri(request).substring(request.getContextPath().length());
        if (uri.startsWith("/api/")) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer status && status >= 400 && status <= 599) {
            return status;
        }
        // /error opened directly, or a failure without a status: nothing was found to show.
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null ? 500 : 404;
    }

    /** Logs the failure with a fresh id, the one the person reads out to the Contact Center. */
    private static String incident(HttpServletRequest request) {
        String incident = UUID.randomUUID().toString();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable thrown) {
            log.error("Unexpected failure on {}, incident {}", ProblemWriter.originalUri(request), incident, thrown);
        } else {
            log.error("Server error {} on {}, incident {}", status(request), ProblemWriter.originalUri(request),
                    incident);
        }
        return incident;
    }

    private static String problemCode(int status, HttpServletRequest request) {
        if ("csrf".equals(request.getAttribute(REASON))) {
            return "forbidden";
        }
        return switch (status) {
            case 400 -> "request.unreadable";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 413 -> "tooLarge";
            case 429 -> "tooMany";
            default -> status >= 500 ? "internal" : "request.unreadable";
        };
    }
}
