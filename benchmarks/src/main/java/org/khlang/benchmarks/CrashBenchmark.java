package org.khlang.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.khlang.authenticator.KhlangAuthenticator;

import static org.khlang.benchmarks.Bench.csrf;
import static org.khlang.benchmarks.Bench.get;
import static org.khlang.benchmarks.Bench.postJson;
import static org.khlang.benchmarks.Bench.print;
import static org.khlang.benchmarks.Bench.requireFree;
import static org.khlang.benchmarks.Bench.signIn;
import static org.khlang.benchmarks.Bench.waitUntilUp;

/**
 * Crash safety (issue 7): a node is killed with SIGKILL in the middle of approval 2 of a batch of N payments
 * (default 10,000), then started again. Checked afterwards, straight in PostgreSQL: no payment half-made, none made
 * twice, every journal entry balanced, the audit chain intact; then the client retries with the same
 * Idempotency-Key and the batch completes exactly once, and a further retry replays the answer.
 *
 * <p>Set-up (documents recorded and given approval 1 on a phone) runs with the application in this JVM and is not
 * part of the test; the node that is killed is a separate process running the executable jar.
 */
public final class CrashBenchmark {

    private static final int PAYMENTS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_PAYMENTS",
            "10000"));
    private static final long KILL_AFTER_MS = Long.parseLong(System.getenv().getOrDefault("KHLANG_BENCH_KILL_AFTER_MS",
            "1200"));
    /** Approval 2 of 10,000 payments takes seconds; the client waits for it as long as it may take. */
    private static final Duration LONG = Duration.ofMinutes(5);

    private CrashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        String url = database.url();
        String user = database.user();
        String password = database.password();

        BatchSetUp.Prepared prepared = BatchSetUp.prepare(database, PAYMENTS);
        KhlangAuthenticator payer = prepared.payer();
        List<Long> ids = prepared.ids();
        print("set-up: documents given approval 1", "%d", ids.size());

        URI node = URI.create("http://localhost:18080");
        requireFree(18080);
        Process server = start(url, user, password);
        waitUntilUp(server);
        KhlangAuthenticator phone = payer.withServer(node);
        HttpClient browser = signIn(node, "7003012345-03", phone);
        String token = csrf(get(browser, node.resolve("/")).body());
        String idsJson = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        HttpResponse<String> ask = postJson(browser, node.resolve("/api/v1/money/payment-approval-requests"), token,
                null, "{\"withdrawalIds\": [" + idsJson + "]}", LONG);
        String confirmation = field(ask.body(), "confirmationId");
        BatchSetUp.approve(phone, confirmation, null);
        String key = "crash-batch-" + System.nanoTime();
        String body = "{\"withdrawalIds\": [" + idsJson + "], \"confirmationId\": \"" + confirmation + "\"}";
        // Kill the node in the middle of approval 2, deterministically: this harness holds the audit chain's head
        // row, which approval 2 needs only at its very end, after it has written the journal entries, the payments
        // and the file. When PostgreSQL shows the node's transaction waiting for that row, the node is killed.
        boolean midTransaction;
        long sent;
        CompletableFuture<HttpResponse<String>> inFlight;
        try (Connection watch = DriverManager.getConnection(url, user, password)) {
            watch.setAutoCommit(false);
            try (PreparedStatement head = watch.prepareStatement("select seq from audit_head where id = 1 for update")) {
                head.executeQuery().close();
            }
            sent = System.nanoTime();
            inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return postJson(browser, node.resolve("/api/v1/money/payment-batches"), token, key, body, LONG);
                } catch (Exception killed) {
                    return null;
                }
            });
            midTransaction = waitForWriting(url, user, password, KILL_AFTER_MS);
            server.destroyForcibly().waitFor();
            watch.rollback();
        }
        long killedAfter = (System.nanoTime() - sent) / 1_000_000;
        HttpResponse<String> lost = inFlight.get();
        print("node killed (SIGKILL) during approval 2", "after %d ms%s; the request %s", killedAfter,
                midTransaction ? " while its transaction was writing" : "",
                lost == null ? "got no answer" : "had already answered " + lost.statusCode());

        Facts afterKill = facts(url, user, password, ids);
        print("after the kill: payments / withdrawals approved for payment", "%d / %d", afterKill.payments,
                afterKill.paymentApproved);
        print("after the kill: unbalanced journal entries, transfers twice", "%d, %d", afterKill.unbalanced,
                afterKill.twice);
        boolean allOrNothing = afterKill.payments == 0 && afterKill.paymentApproved == 0
                || afterKill.payments == ids.size() && afterKill.paymentApproved == ids.size();

        server = start(url, user, password);
        waitUntilUp(server);
        HttpClient again = signIn(node, "7003012345-03", phone);
        String token2 = csrf(get(again, node.resolve("/")).body());
        long retryStart = System.nanoTime();
        HttpResponse<String> retry = postJson(again, node.resolve("/api/v1/money/payment-batches"), token2, key, body,
                LONG);
        double retrySeconds = (System.nanoTime() - retryStart) / 1e9;
        HttpResponse<String> replay = postJson(again, node.resolve("/api/v1/money/payment-batches"), token2, key,
                body, LONG);
        Facts end = facts(url, user, password, ids);
        HttpClient admin = signIn(node, "admin", null);
        HttpResponse<String> chain = postJson(admin, node.resolve("/api/v1/audit/verifications"),
                csrf(get(admin, node.resolve("/")).body()), null, "{}", LONG);
        server.destroy();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }

        print("retry with the same Idempotency-Key after restart", "%d in %.2f s", retry.statusCode(), retrySeconds);
        print("a further retry", "%d, replayed %s", replay.statusCode(),
                replay.headers().firstValue("Idempotent-Replayed").orElse("?"));
        print("at the end: payments / withdrawals approved for payment", "%d / %d", end.payments, end.paymentApproved);
        print("at the end: unbalanced journal entries, transfers twice", "%d, %d", end.unbalanced, end.twice);
        print("audit chain", "%s", chain.body());
        boolean ok = allOrNothing && afterKill.unbalanced == 0 && afterKill.twice == 0
                && end.payments == ids.size() && end.paymentApproved == ids.size() && end.unbalanced == 0
                && end.twice == 0 && chain.body().contains("\"intact\":true");
        print("crash safety", "%s", ok ? "PASSED" : "FAILED");
        if (!ok) {
            System.exit(1);
        }
    }

    /** Polls pg_stat_activity until another session's transaction waits for a lock (the audit head we hold). */
    private static boolean waitForWriting(String url, String user, String password, long maxMillis) throws Exception {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement waiting = connection.prepareStatement("select count(*) from pg_stat_activity"
                     + " where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null"
                     + " and wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
        }
        return false;
    }

    record Facts(long payments, long paymentApproved, long unbalanced, long twice) {
    }

    static Facts facts(String url, String user, String password, List<Long> ids) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
            return new Facts(count(connection, "select count(*) from payment where withdrawal_id in (" + in + ")"),
                    count(connection, "select count(*) from withdrawal where state = 'PAYMENT_APPROVED' and id in ("
                            + in + ")"),
                    count(connection, "select count(*) from journal_entry e where e.total <> (select sum(debit) from"
                            + " journal_line l where l.entry_id = e.id) or e.total <> (select sum(credit) from"
                            + " journal_line l where l.entry_id = e.id)"),
                    count(connection, "select count(*) from (select withdrawal_id from payment where state <> 'FAILED'"
                            + " group by withdrawal_id having count(*) > 1) twice"));
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Process start(String url, String user, String password) throws Exception {
        return Bench.startNode(url, user, password, 18080, 18081, "crash-server.log");
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** A number field of a JSON answer, e.g. {@code "id": 42}. */
    static String numberField(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
