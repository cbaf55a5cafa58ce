package org.khlang.shared;

import java.util.Objects;

/**
 * Who performs a command: the account id and username of a signed-in person, or the system itself.
 * Every command that changes something takes one, so that its audit event names a person.
 */
public record Actor(Long accountId, String username) {

    public static final Actor SYSTEM = new Actor(null, "system");

    public Actor {
        Objects.requireNonNull(username, "username");
    }

    public boolean isSystem() {
        return accountId == null;
    }
}
