package org.khlang.shared.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.util.HtmlUtils;

/**
 * The error dispatch of a request that failed because the database cannot be reached (its server died, a standby is
 * being promoted): answered here, before the session filter, with 503 and {@code Retry-After} — a problem for the
 * API, a short Thai and English page for a browser. The ordinary error page cannot be shown then: it reads the
 * session, which lives in the same database, and would fail a second time into the container's bare 500.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseUnavailableFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;
    private final Messages messages;

    DatabaseUnavailableFilter(ProblemWriter problems, Messages messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableRegistration() {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(this);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        // before Spring Session's filter (Integer.MIN_VALUE + 50) and Spring Security's
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure)
                || !DatabaseUnavailable.causedIt(failure) || response.isCommitted()) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("The database cannot be reached: {} answered 503 ({})", ProblemWriter.originalUri(request),
                failure.toString());
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        if (!ErrorPages.wantsPage(request)) {
            problems.write(request, response, 503, "database.unavailable");
            return;
        }
        response.setStatus(503);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(page(request));
    }

    private String page(HttpServletRequest request) {
        String again = "GET".equals(request.getMethod()) ? ProblemWriter.originalUri(request) : "/";
        return "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(messages.thai("error.503.title")) + "</title></head><body><main>"
                + "<h1>" + text(messages.thai("error.503.title")) + "</h1>"
                + "<p>" + text(messages.thai("problem.database.unavailable")) + "</p>"
                + "<h2 lang=\"en\">" + text(messages.english("error.503.title")) + "</h2>"
                + "<p lang=\"en\">" + text(messages.english("problem.database.unavailable")) + "</p>"
                + "<p><a href=\"" + text(again) + "\">ลองอีกครั้ง / <span lang=\"en\">Try again</span></a></p>"
                + "</main></body></html>";
    }

    private static String text(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
