package org.khlang.shared.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error dispatch of a request the database could not serve is answered before the session filter (which would
 * fail on the same database): 503 with Retry-After, a Thai and English page or a problem; anything else passes on
 * to the ordinary error page.
 */
class DatabaseUnavailableFilterTests {

    private final Messages messages = new Messages(source());
    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(new ProblemWriter(messages),
            messages);

    private static ResourceBundleMessageSource source() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static MockHttpServletRequest errorDispatch(String uri, String accept, Throwable failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return request;
    }

    @Test
    void aBrowserGetsTheThaiAndEnglishPageWithRetryAfterAndTheSessionIsNeverRead() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(errorDispatch("/money", "text/html,application/xhtml+xml",
                new CannotCreateTransactionException("no connection")), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("ระบบปิดให้บริการชั่วคราว", "ฐานข้อมูล",
                "Khlang cannot reach its database", "href=\"/money\"");
        assertThat(chain.getRequest()).as("nothing after this filter ran, the session filter included").isNull();
    }

    @Test
    void theApiGetsAProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(errorDispatch("/api/v1/money/withdrawals", "application/json",
                new CannotCreateTransactionException("no connection")), response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"database.unavailable\"", "message_th");
    }

    @Test
    void anyOtherFailureGoesOnToTheOrdinaryErrorPage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(errorDispatch("/money", "text/html", new IllegalStateException("a bug")), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getHeader("Retry-After")).isNull();
    }
}
