package org.khlang.disbursement.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

import org.khlang.disbursement.IdempotentCommands;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
class JdbcIdempotentCommands implements IdempotentCommands {

    /** How long a key is remembered: long past any client's retries. */
    static final Duration KEPT = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JdbcIdempotentCommands(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Stored(String requestSha256, int status, String body) {
    }

    @Override
    public Answer run(long accountId, String key, String requestSha256, Supplier<Answer> command) {
        if (key == null || !key.matches("[\\x21-\\x7E]{8,100}")) {
            throw new KhlangProblem(ProblemKind.INVALID, "idempotency.key");
        }
        try {
            return transactions.execute(status -> {
                Optional<Answer> earlier = replay(accountId, key, requestSha256);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                // The key's row is written first: a concurrent request with the same key waits on it here and,
                // once this transaction commits, finds the answer instead of running the command again.
                jdbc.sql("insert into idempotency_record (account_id, idem_key, request_sha256, status, body,"
                                + " created_at) values (?, ?, ?, 0, '', ?)")
                        .params(accountId, key, requestSha256, OffsetDateTime.now(clock)).update();
                Answer answer = command.get();
                jdbc.sql("update idempotency_record set status = ?, body = ? where account_id = ? and idem_key = ?")
                        .params(answer.status(), answer.body(), accountId, key).update();
                return answer;
            });
        } catch (DuplicateKeyException raced) {
            return transactions.execute(status -> replay(accountId, key, requestSha256))
                    .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "idempotency.inProgress"));
        }
    }

    private Optional<Answer> replay(long accountId, String key, String requestSha256) {
        Optional<Stored> stored = jdbc.sql("select request_sha256, status, body from idempotency_record"
                        + " where account_id = ? and idem_key = ?")
                .params(accountId, key)
                .query((rs, row) -> new Stored(rs.getString("request_sha256"), rs.getInt("status"),
                        rs.getString("body")))
                .optional();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().requestSha256().equals(requestSha256)) {
            throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "idempotency.mismatch");
        }
        if (stored.get().status() == 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "idempotency.inProgress");
        }
        return Optional.of(new Answer(stored.get().status(), stored.get().body(), true));
    }

    /** Forgets keys older than {@link #KEPT}, every hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    void purge() {
        jdbc.sql("delete from idempotency_record where created_at < ?")
                .param(OffsetDateTime.now(clock).minus(KEPT)).update();
    }
}
