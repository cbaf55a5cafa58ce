package org.khlang.shared.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes an RFC 9457 problem answer from a servlet filter, where no controller advice reaches. */
@Component
public class ProblemWriter {

    private final Messages messages;
    private final JsonMapper json = JsonMapper.builder().build();

    ProblemWriter(Messages messages) {
        this.messages = messages;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        write(request, response, status, code, null);
    }

    /** With an incident id (a server error): it is in the log and in {@code incident}, and the message names it. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                      String incident) throws IOException {
        Object[] arguments = incident == null ? new Object[0] : new Object[] {incident};
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://khlang.org/problems/" + code);
        body.put("title", messages.english("problem.title." + status));
        body.put("status", status);
        body.put("detail", messages.current("problem." + code, arguments));
        body.put("instance", originalUri(request));
        body.put("code", code);
        body.put("message_th", messages.thai("problem." + code, arguments));
        body.put("message_en", messages.english("problem." + code, arguments));
        if (incident != null) {
            body.put("incident", incident);
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
    }

    /** On the error dispatch, the address the caller asked for, not {@code /error}. */
    static String originalUri(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String original ? original : request.getRequestURI();
    }
}
