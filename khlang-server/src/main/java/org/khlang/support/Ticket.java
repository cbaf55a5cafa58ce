package org.khlang.support;

import java.time.Instant;
import java.util.List;

/** A support ticket and its messages, oldest first. */
public record Ticket(long id, long accountId, String username, String subject, State state, Instant createdAt,
                     Instant updatedAt, List<Message> messages) {

    public Ticket {
        messages = List.copyOf(messages);
    }

    public enum State {
        OPEN, ANSWERED, CLOSED
    }

    public record Message(long id, long authorId, boolean staff, String body, Instant createdAt) {
    }
}
