package org.khlang.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.Actor;
import org.springframework.context.ConfigurableApplicationContext;

import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.agencyOf;
import static org.khlang.benchmarks.Bench.bindPhone;
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

        KhlangAuthenticator payer;
        List<Long> ids = new ArrayList<>();
        try (ConfigurableApplicationContext context = Bench.node(database)) {
            URI base = URI.create("http://localhost:18090");
            Actor recorder;
            Actor approver1;
            KhlangAuthenticator phone1;
            long agencyId;
            try (Connection connection = database.connect()) {
                recorder = actor(connection, "7003012345-01");
                approver1 = actor(connection, "7003012345-02");
                phone1 = bindPhone(base, connection, approver1.accountId(), "CRSH-0000-0000-0001", "crash phone");
                payer = bindPhone(base, connection, actor(connection, "7003012345-03").accountId(),
                        "CRSH-0000-0000-0002", "crash phone");
                agencyId = agencyOf(connection, recorder);
            }
            Budgets budgets = context.getBean(Budgets.class);
            Payees payees = context.getBean(Payees.class);
            Withdrawals withdrawals = context.getBean(Withdrawals.class);
            int year = FiscalYears.of(LocalDate.now());
            BudgetLine line = budgets.create(agencyId, new NewBudgetLine(year, "CRASH" + year, String.format("%02d",
                    year % 100) + "98000", "5104010110", "crash test", new BigDecimal("9999999999.00")), recorder);
            Payee payee = payees.register(agencyId, new NewPayee(PayeeKind.FIRM, "บริษัท ทดสอบการล่ม จำกัด",
                    "0105561000011", new BankAccount("006", "9876543210", "บจก. ทดสอบการล่ม")), recorder);
            for (int i = 0; i < PAYMENTS; i++) {
                long id = withdrawals.record(agencyId, new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                        "crash " + i, List.of(new NewWithdrawal.Line(line.id(), null, "x", null,
                        new BigDecimal(100 + i % 900 + ".25")))), recorder).id();
                SigningRequest request = withdrawals.askApproval1(id, approver1);
                approve(phone1, request.confirmationId(), null);
                withdrawals.approve1(id, request.confirmationId(), approver1);
                ids.add(id);
            }
        }
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
        approve(phone, confirmation, null);
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

    private record Facts(long payments, long paymentApproved, long unbalanced, long twice) {
    }

    private static Facts facts(String url, String user, String password, List<Long> ids) throws Exception {
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
        Path jar = Path.of("khlang-server/target/khlang-server-exec.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-jar", jar.toString(), "--spring.profiles.active=dev",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--server.port=18080", "--management.server.port=18081",
                "--khlang.proofing.dev-provider-port=0", "--khlang.softtoken.push-limit=1000000",
                "--logging.level.root=WARN").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("benchmarks/target/crash-server.log").toFile()))
                .start();
    }

    private static void approve(KhlangAuthenticator phone, String requestId, Integer number) {
        PendingRequest request = phone.pending().stream().filter(candidate -> candidate.id().equals(requestId))
                .findFirst().orElseThrow(() -> new IllegalStateException("request not on the phone"));
        if (!phone.approve(request, number).approved()) {
            throw new IllegalStateException("the phone's approval was refused");
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

}
