package org.khlang.support;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * One browser's cookies across MockMvc requests. Sessions live in PostgreSQL (Spring Session), found by the
 * session cookie, so a test keeps and updates the cookie as a browser would.
 */
public final class WebSession {

    private final MockMvc mvc;
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    public WebSession(MockMvc mvc) {
        this.mvc = mvc;
    }

    public ResultActions perform(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        if (!cookies.isEmpty()) {
            request.cookie(cookies.values().toArray(Cookie[]::new));
        }
        ResultActions actions = mvc.perform(request);
        MvcResult result = actions.andReturn();
        for (Cookie cookie : result.getResponse().getCookies()) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie);
            }
        }
        return actions;
    }

    /** The session cookie's value, or null. */
    public String sessionId() {
        Cookie cookie = cookies.get("KHLANG_SESSION");
        return cookie == null ? null : cookie.getValue();
    }
}
