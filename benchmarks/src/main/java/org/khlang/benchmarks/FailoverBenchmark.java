package org.khlang.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.khlang.authenticator.KhlangAuthenticator;

import static org.khlang.benchmarks.Bench.csrf;
import static org.khlang.benchmarks.Bench.encode;
import static org.khlang.benchmarks.Bench.get;
import static org.khlang.benchmarks.Bench.postForm;
import static org.khlang.benchmarks.Bench.postJson;
import static org.khlang.benchmarks.Bench.print;
import static org.khlang.benchmarks.Bench.requireFree;
import static org.khlang.benchmarks.Bench.signIn;

/**
 * PostgreSQL failover (issue 21): a primary and a streaming hot standby on this machine (PostgresPair), two Khlang
 * nodes on a multi-host JDBC URL with {@code targetServerType=primary}. While both nodes carry ordinary traffic (a
 * clerk recording documents on each, every command with its own Idempotency-Key) and one node runs approval 2 of a
 * batch of N payments (default 10,000), the harness kills the primary with SIGKILL (postmaster and every backend)
 * and promotes the standby. The clients retry with their keys. Measured and asserted: the time until each node
 * serves again; every payment made once and none twice; every journal entry balanced; the audit chain intact and
 * the checkpoints exported before the kill inside it ({@code audit verify --checkpoints}); a phone suspended after
 * the failover refused on both nodes; the signed-in browsers either still signed in or sent to the sign-in page.
 *
 * <p>{@code sync}: the standby is synchronous, nothing acknowledged may be lost. {@code async}: asynchronous, and
 * the harness cuts the replication link a few seconds before the kill (on loopback the standby otherwise trails by
 * well under a millisecond): what the clients were told was saved in those seconds is lost, the harness lists it,
 * and the checkpoint signed in them must be reported MISSING by {@code audit verify --checkpoints}.
 */
public final class FailoverBenchmark {

    private static final int PAYMENTS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_PAYMENTS",
            "10000"));
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration SHORT = Duration.ofSeconds(30);
    /** Node A and node B: public and management ports. */
    private static final int[][] PORTS = {{18080, 18081}, {18082, 18083}};

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> modes = args.length == 0 || "both".equals(args[0]) ? List.of("sync", "async") : List.of(args);
        boolean passed = true;
        for (String mode : modes) {
            passed &= run("sync".equals(mode));
        }
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(boolean synchronous) throws Exception {
        String mode = synchronous ? "synchronous" : "asynchronous";
        System.out.println("--- failover, " + mode + " replication, " + PAYMENTS + " payments ---");
        for (int[] ports : PORTS) {
            requireFree(ports[0]);
            requireFree(ports[1]);
        }
        Path root = Path.of("/tmp/khlang-failover-" + (synchronous ? "sync" : "async"));
        try (PostgresPair pair = new PostgresPair(root, 25432, 25433, synchronous)) {
            pair.start();
            Bench.Database database = new Bench.Database(pair.multiHostUrl(), "khlang", "");
            BatchSetUp.Prepared prepared = BatchSetUp.prepare(database, PAYMENTS);
            print("set-up: documents given approval 1", "%d", prepared.ids().size());
            List<Process> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < PORTS.length; i++) {
                    nodes.add(Bench.startNode(database.url(), "khlang", "", PORTS[i][0], PORTS[i][1],
                            "failover-node-" + (char) ('a' + i) + ".log", nodeArguments(root, i)));
                }
                for (int i = 0; i < PORTS.length; i++) {
                    Bench.waitUntilUp(nodes.get(i), PORTS[i][1]);
                }
                return new Run(pair, prepared, synchronous).fault();
            } finally {
                for (Process node : nodes) {
                    node.destroy();
                    if (!node.waitFor(30, TimeUnit.SECONDS)) {
                        node.destroyForcibly();
                    }
                }
            }
        }
    }

    /**
     * Production's Hikari settings (application.yml: 5 s to get a connection, validation within 1 s, idle connections
     * probed every 30 s); each node signs a checkpoint every 5 s (the production default is an hour) and exports
     * every checkpoint to its own file.
     */
    private static String[] nodeArguments(Path root, int node) {
        return new String[] {"--khlang.audit.checkpoint-export-file=" + exportFile(root, node),
                "--khlang.audit.checkpoint-interval=PT5S", "--khlang.audit.checkpoint-initial-delay=PT5S"};
    }

    private static Path exportFile(Path root, int node) {
        return root.resolve("checkpoints-node-" + (char) ('a' + node) + ".jsonl");
    }

    private static URI node(int i) {
        return URI.create("http://localhost:" + PORTS[i][0]);
    }

    /** One run of the fault, from signed-in browsers to the checks afterwards. */
    private static final class Run {

        private final PostgresPair pair;
        private final BatchSetUp.Prepared prepared;
        private final boolean synchronous;
        private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        private final long[] firstServedAfterKill = new long[PORTS.length];
        private final List<String> refusalsDuringOutage = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean trafficOn = true;
        private String batchBody;
        private String batchToken;
        private volatile long killedAt = Long.MAX_VALUE;
        private boolean passed = true;

        Run(PostgresPair pair, BatchSetUp.Prepared prepared, boolean synchronous) {
            this.pair = pair;
            this.prepared = prepared;
            this.synchronous = synchronous;
        }

        boolean fault() throws Exception {
            KhlangAuthenticator payer = prepared.payer().withServer(node(0));
            HttpClient approver = signIn(node(0), "7003012345-03", payer);
            HttpClient firstApprover = approver;
            List<HttpClient> clerks = List.of(signIn(node(0), "7003012345-01", prepared.recorder().withServer(node(0))),
                    signIn(node(1), "7003012345-01", prepared.recorder().withServer(node(1))));
            HttpClient admin = signIn(node(0), "admin", null);
            Path key = pair.root().resolve("checkpoint-public.jwk");
            Files.writeString(key, get(admin, node(0).resolve("/api/v1/audit/checkpoints/key")).body());
            List<Thread> traffic = new ArrayList<>();
            for (int i = 0; i < clerks.size(); i++) {
                int index = i;
                traffic.add(Thread.ofPlatform().name("clerk-" + i).start(() -> clerk(index, clerks.get(index))));
            }
            Thread.sleep(2_000);
            long before = checkpoint(admin);
            long afterCut = -1;
            if (!synchronous) {
                pair.cutReplication();
                print("replication cut (a partition) before the kill", "%s", "the primary carries on alone");
                Thread.sleep(3_000);
                afterCut = checkpoint(admin);
            }
            String batchKey = "failover-batch-" + System.nanoTime();
            CompletableFuture<HttpResponse<String>> batch = startBatch(approver, payer, batchKey);
            boolean inFlight = waitForLongTransaction();
            long primaryHead = PostgresPair.single(pair.primaryPort(), "select seq from audit_head");
            long standbyHead = PostgresPair.single(pair.standbyPort(), "select seq from audit_head");
            long acknowledgedBeforeKill = acknowledged.size();
            pair.killPrimary();
            killedAt = System.nanoTime();
            print("primary killed (SIGKILL)", "%s; audit head %d on the primary, %d on the standby",
                    inFlight ? "while approval 2 was writing" : "approval 2 NOT seen writing", primaryHead, standbyHead);
            pair.promoteStandby();
            double promoted = seconds(killedAt);
            print("standby promoted", "%.2f s after the kill", promoted);
            HttpResponse<String> done = finishBatch(approver, batch, batchKey);
            if (done.statusCode() >= 400) {
                // The phone's approval was asked for and signed after the cut: it went with the primary. The
                // approver is told so (the refusal below), signs in again and approves the batch anew.
                print("approval 2's retry refused after the failover", "%d %s", done.statusCode(),
                        CrashBenchmark.field(done.body(), "code"));
                check(!synchronous, "a retry with the Idempotency-Key completes (synchronous)");
                approver = signIn(node(0), "7003012345-03", payer);
                String again = "failover-batch-again-" + System.nanoTime();
                done = finishBatch(approver, startBatch(approver, payer, again), again);
                print("approval 2 asked and signed again on the phone", "%d", done.statusCode());
            }
            double batchDone = seconds(killedAt);
            waitUntilBothServe();
            trafficOn = false;
            for (Thread thread : traffic) {
                thread.join(60_000);
            }
            report(done, batchDone, acknowledgedBeforeKill);
            checkChain(before, afterCut, key);
            checkSessions(List.of(firstApprover, clerks.get(0), clerks.get(1)));
            checkSuspendedPhone();
            print("failover (" + (synchronous ? "sync" : "async") + ")", "%s", passed ? "PASSED" : "FAILED");
            return passed;
        }

        /** A clerk on one node: records documents, each with its own key, retried until it is answered. */
        private void clerk(int node, HttpClient browser) {
            String token;
            try {
                token = csrf(get(browser, node(node).resolve("/")).body());
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
            for (int n = 0; trafficOn; n++) {
                String key = "clerk-" + node + "-" + n + "-" + System.nanoTime();
                String json = "{\"type\":\"KB02\",\"payeeId\":" + prepared.payeeId() + ",\"description\":\"traffic "
                        + n + "\",\"lines\":[{\"budgetLineId\":" + prepared.budgetLineId()
                        + ",\"description\":\"x\",\"amount\":\"" + (150 + n % 50) + ".00\"}]}";
                while (true) {
                    String outcome;
                    try {
                        HttpResponse<String> answer = postJson(browser, node(node).resolve("/api/v1/money/withdrawals"),
                                token, key, json, SHORT);
                        if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                            acknowledged.put(key, Long.parseLong(CrashBenchmark.numberField(answer.body(), "id")));
                            acknowledgedAt.put(key, System.nanoTime());
                            if (System.nanoTime() > killedAt && firstServedAfterKill[node] == 0) {
                                firstServedAfterKill[node] = System.nanoTime();
                            }
                            break;
                        }
                        outcome = String.valueOf(answer.statusCode());
                    } catch (Exception refused) {
                        outcome = refused.getClass().getSimpleName();
                    }
                    if (System.nanoTime() > killedAt) {
                        refusalsDuringOutage.add("node " + (char) ('a' + node) + ": " + outcome);
                    }
                    sleep(250);
                }
                sleep(50);
            }
        }

        private long checkpoint(HttpClient admin) throws Exception {
            String token = csrf(get(admin, node(0).resolve("/")).body());
            HttpResponse<String> made = postJson(admin, node(0).resolve("/api/v1/audit/checkpoints"), token, null, "{}",
                    SHORT);
            if (made.statusCode() != 201) {
                throw new IllegalStateException("checkpoint refused: " + made.statusCode() + " " + made.body());
            }
            long seq = Long.parseLong(CrashBenchmark.numberField(made.body(), "seq"));
            print("checkpoint signed and exported", "sequence %d", seq);
            return seq;
        }

        private CompletableFuture<HttpResponse<String>> startBatch(HttpClient approver, KhlangAuthenticator payer,
                                                                   String key) throws Exception {
            String token = csrf(get(approver, node(0).resolve("/")).body());
            String ids = prepared.ids().stream().map(String::valueOf).collect(Collectors.joining(","));
            HttpResponse<String> ask = postJson(approver, node(0).resolve("/api/v1/money/payment-approval-requests"),
                    token, null, "{\"withdrawalIds\": [" + ids + "]}", LONG);
            String confirmation = CrashBenchmark.field(ask.body(), "confirmationId");
            BatchSetUp.approve(payer, confirmation, null);
            String body = "{\"withdrawalIds\": [" + ids + "], \"confirmationId\": \"" + confirmation + "\"}";
            batchBody = body;
            batchToken = token;
            return CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> answer = postJson(approver, node(0).resolve("/api/v1/money/payment-batches"),
                            token, key, body, LONG);
                    return answer.statusCode() == 201 ? answer : null;
                } catch (Exception killed) {
                    return null;
                }
            });
        }

        /** Until the batch's transaction has been open half a second (ordinary commands take milliseconds). */
        private boolean waitForLongTransaction() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (PostgresPair.single(pair.primaryPort(), "select count(*) from pg_stat_activity where datname ="
                        + " 'khlang' and xact_start < now() - interval '500 milliseconds' and state <> 'idle'"
                        + " and pid <> pg_backend_pid()") > 0) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }

        /** The approver's client: if the answer was lost with the primary, the same request and key until done. */
        private HttpResponse<String> finishBatch(HttpClient approver, CompletableFuture<HttpResponse<String>> first,
                                                 String key) throws Exception {
            HttpResponse<String> answer = first.get();
            int retries = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (answer == null && System.nanoTime() < deadline) {
                retries++;
                try {
                    HttpResponse<String> retry = postJson(approver, node(0).resolve("/api/v1/money/payment-batches"),
                            batchToken, key, batchBody, LONG);
                    if (retry.statusCode() == 201 || retry.statusCode() == 200) {
                        answer = retry;
                        break;
                    }
                    if (retry.statusCode() >= 400 && retry.statusCode() < 500) {
                        // answered, and refused: not the outage any more
                        print("approval 2 retried with its Idempotency-Key", "%d times", retries);
                        return retry;
                    }
                } catch (Exception stillDown) {
                    // the node has no primary yet
                }
                sleep(500);
            }
            print("approval 2 retried with its Idempotency-Key", "%d times", retries);
            if (answer == null) {
                throw new IllegalStateException("approval 2 never completed after the failover");
            }
            return answer;
        }

        private void waitUntilBothServe() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while ((firstServedAfterKill[0] == 0 || firstServedAfterKill[1] == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (int i = 0; i < PORTS.length; i++) {
                boolean served = firstServedAfterKill[i] != 0;
                double after = served ? (firstServedAfterKill[i] - killedAt) / 1e9 : Double.NaN;
                print("node " + (char) ('a' + i) + " records documents again", "%.2f s after the kill", after);
                check(served && after < 30, "node " + (char) ('a' + i) + " serves within 30 s");
            }
            Map<String, Long> kinds = refusalsDuringOutage.stream().collect(Collectors.groupingBy(r -> r,
                    java.util.TreeMap::new, Collectors.counting()));
            print("answers to the clerks during the outage", "%s", kinds);
        }

        private void report(HttpResponse<String> batch, double batchSeconds, long acknowledgedBeforeKill)
                throws Exception {
            print("approval 2 completed", "%d, %.2f s after the kill", batch.statusCode(), batchSeconds);
            CrashBenchmark.Facts facts = CrashBenchmark.facts(standbyUrl(), "khlang", "", prepared.ids());
            print("payments / withdrawals approved for payment", "%d / %d of %d", facts.payments(),
                    facts.paymentApproved(), prepared.ids().size());
            print("unbalanced journal entries, transfers twice", "%d, %d", facts.unbalanced(), facts.twice());
            check(facts.payments() == prepared.ids().size() && facts.paymentApproved() == prepared.ids().size(),
                    "every payment made");
            check(facts.twice() == 0, "no payment twice");
            check(facts.unbalanced() == 0, "every journal entry balanced");
            String ids = acknowledged.values().stream().map(String::valueOf).collect(Collectors.joining(","));
            long present = ids.isEmpty() ? 0 : PostgresPair.single(pair.standbyPort(),
                    "select count(*) from withdrawal where id in (" + ids + ")");
            long lost = acknowledged.size() - present;
            print("documents the clerks were told were saved", "%d (%d before the kill), %d missing after the"
                    + " failover", acknowledged.size(), acknowledgedBeforeKill, lost);
            if (synchronous) {
                check(lost == 0, "nothing acknowledged lost (synchronous)");
            } else {
                check(lost > 0, "the harness sees what asynchronous replication lost (documents after the cut)");
            }
        }

        private void checkChain(long before, long afterCut, Path key) throws Exception {
            HttpClient admin = signIn(node(1), "admin", null);
            String token = csrf(get(admin, node(1).resolve("/")).body());
            HttpResponse<String> walk = postJson(admin, node(1).resolve("/api/v1/audit/verifications"), token, null,
                    "{}", LONG);
            print("audit chain after the failover", "%s", walk.body());
            check(walk.body().contains("\"intact\":true"), "the audit chain walks intact");
            for (int i = 0; i < PORTS.length; i++) {
                Path file = exportFile(pair.root(), i);
                ProcessResult verify = auditVerify(file, key);
                print("audit verify --checkpoints (node " + (char) ('a' + i) + "'s file)", "exit %d: %s",
                        verify.exitCode(), verify.summary());
                if (synchronous) {
                    check(verify.exitCode() == 0, "every exported checkpoint is in the chain");
                } else {
                    // MISSING while the new primary's chain is shorter; DIFFERS once it has grown past the lost
                    // sequence numbers with other events (approval 2 done again does that at once)
                    String named = verify.output().lines().filter(line -> line.startsWith("checkpoint " + afterCut
                            + " ")).findFirst().orElse("");
                    check(verify.exitCode() == 1 && (named.contains("MISSING") || named.contains("DIFFERS"))
                            && !verify.output().contains("checkpoint " + before + " "),
                            "the checkpoint signed after the cut is named, the one before is in the chain");
                }
            }
        }

        private record ProcessResult(int exitCode, String output) {
            String summary() {
                return output.lines().filter(line -> line.startsWith("audit chain") || line.startsWith("checkpoint"))
                        .collect(Collectors.joining(" | "));
            }
        }

        private ProcessResult auditVerify(Path file, Path key) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-jar", "khlang-server/target/khlang-server-exec.jar", "audit",
                    "verify", "--checkpoints", file.toString(), "--key", key.toString(),
                    "--spring.profiles.active=dev", "--khlang.demo.enabled=false",
                    "--spring.datasource.url=" + standbyUrl(), "--spring.datasource.username=khlang",
                    "--spring.datasource.password=", "--khlang.proofing.dev-provider-port=0",
                    "--logging.level.root=WARN").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.MINUTES);
            return new ProcessResult(process.exitValue(), output);
        }

        /** After the failover the clerk reports the phone lost on node B; both nodes must refuse it at once. */
        private void checkSuspendedPhone() throws Exception {
            HttpClient browser = Bench.browser();
            String token = csrf(get(browser, node(1).resolve("/lost-phone")).body());
            HttpResponse<String> report = postForm(browser, node(1).resolve("/lost-phone"), "username="
                    + encode("7003012345-01") + "&password=" + encode(Bench.PASSWORD) + "&lossDate="
                    + LocalDate.now() + "&_csrf=" + encode(token));
            check(report.statusCode() == 200 && report.body().contains("ระงับ Soft Token แล้ว"),
                    "the lost phone is suspended on node B");
            for (int i = 0; i < PORTS.length; i++) {
                String refusal;
                try {
                    signIn(node(i), "7003012345-01", prepared.recorder().withServer(node(i)));
                    refusal = null;
                } catch (IllegalStateException | java.io.UncheckedIOException refused) {
                    refusal = refused.getMessage();
                }
                print("the suspended phone signs in on node " + (char) ('a' + i), "%s", refusal == null ? "ACCEPTED"
                        : "refused (" + refusal.lines().findFirst().orElse("") + ")");
                check(refusal != null, "the suspended phone is refused on node " + (char) ('a' + i));
            }
        }

        /** A signed-in browser after the failover: still signed in (200), or sent to sign in (302 to /login). */
        private void checkSessions(List<HttpClient> browsers) throws Exception {
            int kept = 0;
            int askedAgain = 0;
            int errors = 0;
            for (int i = 0; i < browsers.size(); i++) {
                int node = i == 2 ? 1 : 0;
                HttpResponse<String> home = get(browsers.get(i), node(node).resolve("/"));
                if (home.statusCode() == 200) {
                    kept++;
                } else if (home.statusCode() == 302 && home.headers().firstValue("Location").orElse("")
                        .contains("/login")) {
                    askedAgain++;
                } else {
                    errors++;
                }
            }
            print("signed-in browsers after the failover", "%d kept their session, %d asked to sign in, %d errors",
                    kept, askedAgain, errors);
            check(errors == 0, "no browser sees an error page");
        }

        private String standbyUrl() {
            return "jdbc:postgresql://127.0.0.1:" + pair.standbyPort() + "/khlang";
        }

        private void check(boolean condition, String what) {
            if (!condition) {
                passed = false;
                print("FAILED", "%s", what);
            }
        }

        private static double seconds(long since) {
            return (System.nanoTime() - since) / 1e9;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
