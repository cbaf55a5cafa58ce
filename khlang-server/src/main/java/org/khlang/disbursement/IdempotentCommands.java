package org.khlang.disbursement;

import java.util.function.Supplier;

/**
 * Money-moving API commands carry an {@code Idempotency-Key}: the first request with a key runs the command and its
 * answer is kept with the key; a retry with the same key and the same payload gets that answer again without running
 * anything; the same key with another payload is refused (422). Keys belong to the person who sent them.
 */
public interface IdempotentCommands {

    /** The answer of a command: an HTTP status and a JSON body, and whether it was replayed from an earlier run. */
    record Answer(int status, String body, boolean replayed) {
    }

    /**
     * Runs {@code command} once per (account, key) in one transaction with the key's record: if the command is
     * refused, nothing is kept and the key may be used again.
     */
    Answer run(long accountId, String key, String requestSha256, Supplier<Answer> command);
}
