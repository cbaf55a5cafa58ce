package org.khlang.shared.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The idle limit of a session, for the pages' warning before it ends (WCAG 2.2.1): the layout reads it as
 * {@code @sessionIdle.seconds()}.
 */
@Component("sessionIdle")
public class SessionIdle {

    private final long seconds;

    SessionIdle(@Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        this.seconds = timeout.toSeconds();
    }

    public long seconds() {
        return seconds;
    }
}
