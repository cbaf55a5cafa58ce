package org.khlang.audit;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One thing that happened, to be appended to the audit chain.
 *
 * @param actor          who did it: a username, or {@code system}, or {@code anonymous}
 * @param actorAccountId the actor's account id, if the actor has one
 * @param deviceId       the Soft Token device that confirmed it, if any
 * @param agencyId       the agency it concerns, if any
 * @param action         what happened, dotted and past tense, e.g. {@code identity.login.succeeded}
 * @param target         what it happened to, e.g. {@code account:42}
 * @param details        further facts; sorted by key so that the encoding is canonical. Never secrets.
 */
public record AuditEntry(String actor, Long actorAccountId, String deviceId, Long agencyId, String action,
                         String target, SortedMap<String, String> details) {

    public static final int MAX_ACTION_LENGTH = 64;
    public static final int MAX_TARGET_LENGTH = 200;

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        if (action.isBlank() || action.length() > MAX_ACTION_LENGTH) {
            throw new IllegalArgumentException("action must be 1-" + MAX_ACTION_LENGTH + " characters");
        }
        if (target != null && target.length() > MAX_TARGET_LENGTH) {
            throw new IllegalArgumentException("target longer than " + MAX_TARGET_LENGTH);
        }
        details = details == null ? new TreeMap<>() : new TreeMap<>(details);
        details.values().forEach(value -> Objects.requireNonNull(value, "detail values may not be null"));
        details = java.util.Collections.unmodifiableSortedMap(details);
    }

    /** Starts an entry for an action done by {@code actor}. */
    public static Builder of(String action) {
        return new Builder(action);
    }

    /** Fluent construction: {@code AuditEntry.of("x.y").by("alice", 7L).target("account:7").with("k", v).build()}. */
    public static final class Builder {
        private final String action;
        private String actor = "system";
        private Long actorAccountId;
        private String deviceId;
        private Long agencyId;
        private String target;
        private final TreeMap<String, String> details = new TreeMap<>();

        private Builder(String action) {
            this.action = action;
        }

        public Builder by(String actor, Long actorAccountId) {
            this.actor = actor;
            this.actorAccountId = actorAccountId;
            return this;
        }

        public Builder device(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder agency(Long agencyId) {
            this.agencyId = agencyId;
            return this;
        }

        public Builder target(String target) {
            this.target = target;
            return this;
        }

        public Builder with(String key, Object value) {
            if (value != null) {
                details.put(key, String.valueOf(value));
            }
            return this;
        }

        public Builder withAll(Map<String, String> values) {
            details.putAll(values);
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(actor, actorAccountId, deviceId, agencyId, action, target, details);
        }
    }
}
