package org.khlang.shared.web;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An upload over the limits (spring.servlet.multipart: 10 MB a file, 11 MB a request) or a malformed one is answered
 * with the error page (413 or 400) or, for the API, a problem. Without this the first reader of a parameter, the CSRF
 * filter, failed inside Tomcat, and so did the error page after it (Tomcat fails every later parameter read of that
 * request the same way): a clerk attaching a large scan saw Tomcat's own English page. The parts are read here,
 * once, before anything else asks for a parameter (the CSRF filter would read them all at that point anyway); on a
 * failure the error page is rendered for a copy of the request that has no body, seen as a GET.
 * Runs after the session filter and before the security filters (see {@link WebConfig}).
 */
class UploadLimits extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        int refused;
        try {
            request.getParts();
            refused = 0;
        } catch (InvalidParameterException tooLargeOrMalformed) {
            int code = tooLargeOrMalformed.getErrorCode();
            refused = code >= 400 && code < 500 ? code : HttpServletResponse.SC_BAD_REQUEST;
        } catch (IllegalStateException | IOException | ServletException malformed) {
            refused = HttpServletResponse.SC_BAD_REQUEST;
        }
        if (refused == 0) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, refused);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        response.setStatus(refused);
        request.getRequestDispatcher("/error").forward(new WithoutBody(request), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && "POST".equals(request.getMethod())
                && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /** The refused request as the error page sees it: a GET with only the parameters of its query string. */
    private static final class WithoutBody extends HttpServletRequestWrapper {

        private final Map<String, String[]> query;

        WithoutBody(HttpServletRequest request) {
            super(request);
            this.query = Collections.unmodifiableMap(UriComponentsBuilder.newInstance()
                    .query(request.getQueryString()).build().getQueryParams().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                            entry -> entry.getValue().stream().map(value -> value == null ? "" : value)
                                    .toArray(String[]::new))));
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            String[] values = query.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return query;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return query.get(name);
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public Part getPart(String name) {
            return null;
        }
    }
}
