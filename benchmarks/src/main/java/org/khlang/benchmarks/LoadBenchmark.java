package org.khlang.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khlang.KhlangApplication;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.authority.Agencies;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.identity.Credentials;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.NewPerson;
import org.khlang.identity.Passwords;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.khlang.benchmarks.Bench.PASSWORD;
import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.bindPhone;
import static org.khlang.benchmarks.Bench.csrf;
import static org.khlang.benchmarks.Bench.get;
import static org.khlang.benchmarks.Bench.postJson;
import static org.khlang.benchmarks.Bench.print;
import static org.khlang.benchmarks.Bench.requireFree;
import static org.khlang.benchmarks.Bench.signIn;
import static org.khlang.benchmarks.Bench.waitUntilUp;

/**
 * Load (issue 7, design.md section 8 "pages: p99 < 100 ms at 100 concurrent users"): a node runs as its own process
 * on PostgreSQL; {@code KHLANG_BENCH_USERS} (default 100) recorders of the demo agency, each with a bound reference
 * authenticator, sign in at once with the phone confirming the number, then for {@code KHLANG_BENCH_SECONDS}
 * (default 60) each one uses the everyday pages — home, money overview, budget, receipts, a document list page of
 * the API — while a tenth of them, withdrawal approvers, give approval 1 to documents recorded beforehand (signing
 * request, the phone's signature, the approval, through the API), all pausing {@code KHLANG_BENCH_THINK_MS} (default 1,000 ms, randomised ±50 %) between pages as a person
 * does; 0 turns the users into tight loops, a saturation test. Loopback only, bounded in users and time. Reports throughput and p50/p95/p99 per
 * kind of request.
 */
public final class LoadBenchmark {

    private static final int USERS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_USERS", "100"));
    private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_SECONDS", "60"));
    /** Seconds of page traffic before measuring (templates compiled, JIT warm), not counted. */
    private static final int WARM_UP = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_WARM_UP_SECONDS",
            "20"));
    /** A person's pause between two pages; 0 makes every user a tight loop (a saturation test, not people). */
    private static final int THINK_MS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_THINK_MS", "1000"));
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final List<String> PAGES = List.of("/", "/money", "/money/budget", "/money/receipts",
            "/api/v1/money/withdrawals");

    private LoadBenchmark() {
    }

    private record User(String username, KhlangAuthenticator phone, boolean approver) {
    }

    /** Documents recorded in set-up, waiting for approval 1 during the load. */
    private static final java.util.concurrent.ConcurrentLinkedQueue<Long> TO_APPROVE =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        String url = database.url();
        String user = database.user();
        String password = database.password();

        List<User> users = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KhlangApplication.class)
                .profiles("dev").run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password, "--server.port=18090",
                        "--management.server.port=18091", "--khlang.proofing.dev-provider-port=0",
                        "--logging.level.root=WARN")) {
            Credentials credentials = context.getBean(Credentials.class);
            Passwords passwords = context.getBean(Passwords.class);
            Rights rights = context.getBean(Rights.class);
            long agencyId = context.getBean(Agencies.class).byCode(new AgencyCode("7003012345")).orElseThrow().id();
            URI base = URI.create("http://localhost:18090");
            Actor recorder;
            try (Connection connection = database.connect()) {
                Actor registrar = actor(connection, "registrar.korat");
                for (int i = 0; i < USERS; i++) {
                    IssuedCredential issued = credentials.issue(new NewPerson(CitizenId.completing(String.format(
                            "39%010d", 1000 + i)), "นาย", "ผู้ใช้" + i, "ทดสอบโหลด", null, null, null, null, agencyId),
                            registrar);
                    passwords.change(issued.account().id(), issued.initialPassword(), PASSWORD);
                    boolean approver = i >= USERS - Math.max(1, USERS / 10);
                    rights.grant(NewRightGrant.migrated(issued.account().id(), approver ? Right.WITHDRAWAL_APPROVER
                            : Right.RECORDER, agencyId, LocalDate.now(), "load"), Actor.SYSTEM);
                    String username = issued.account().username().value();
                    users.add(new User(username, bindPhone(base, connection, issued.account().id(),
                            "LOAD-%04d-0000-0001".formatted(i), "load phone"), approver));
                }
                recorder = actor(connection, "7003012345-01");
            }
            // Documents for the approvers, recorded by the demo recorder against the demo budget and payee.
            org.khlang.disbursement.Withdrawals withdrawals = context.getBean(org.khlang.disbursement.Withdrawals.class);
            long budgetLine = context.getBean(org.khlang.disbursement.Budgets.class)
                    .lines(agencyId, org.khlang.disbursement.FiscalYears.of(LocalDate.now())).getFirst().id();
            long payee = context.getBean(org.khlang.disbursement.Payees.class).forAgency(agencyId).getFirst().id();
            for (int i = 0; i < 2000; i++) {
                TO_APPROVE.add(withdrawals.record(agencyId, new org.khlang.disbursement.NewWithdrawal(
                        org.khlang.disbursement.DocumentType.KB02, payee, null, "load " + i,
                        List.of(new org.khlang.disbursement.NewWithdrawal.Line(budgetLine, null, "x", null,
                                new java.math.BigDecimal("10.00")))), recorder).id());
            }
        }
        print("set-up: recorders with a bound phone", "%d", users.size());

        URI node = URI.create("http://localhost:18080");
        Process server = start(url, user, password);
        try {
            waitUntilUp(server);
            List<HttpClient> sessions = new CopyOnWriteArrayList<>();
            Map<HttpClient, User> owners = new ConcurrentHashMap<>();
            List<Long> loginMillis = Collections.synchronizedList(new ArrayList<>());
            long loginStart = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(USERS)) {
                List<Future<?>> logins = new ArrayList<>();
                for (User one : users) {
                    logins.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        HttpClient session = signIn(node, one.username(), one.phone().withServer(node));
                        sessions.add(session);
                        owners.put(session, one);
                        loginMillis.add((System.nanoTime() - start) / 1_000_000);
                        return null;
                    }));
                }
                for (Future<?> login : logins) {
                    login.get();
                }
            }
            double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
            print(USERS + " concurrent Soft Token sign-ins (5 requests each)", "%.1f s, %.1f sign-ins/s; per sign-in %s",
                    loginSeconds, USERS / loginSeconds, percentiles(loginMillis));

            Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
            PAGES.forEach(page -> latencies.put(page, Collections.synchronizedList(new ArrayList<>())));
            List<Long> approvals = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            long measureFrom = System.nanoTime() + WARM_UP * 1_000_000_000L;
            long end = measureFrom + SECONDS * 1_000_000_000L;
            try (ExecutorService pool = Executors.newFixedThreadPool(USERS)) {
                List<Future<?>> loops = new ArrayList<>();
                for (int i = 0; i < sessions.size(); i++) {
                    HttpClient browser = sessions.get(i);
                    User owner = owners.get(browser);
                    int offset = i;
                    loops.add(pool.submit(() -> {
                        int step = offset;
                        String token = csrf(get(browser, node.resolve("/")).body());
                        KhlangAuthenticator phone = owner.phone().withServer(node);
                        while (System.nanoTime() < end) {
                            if (owner.approver()) {
                                Long document = TO_APPROVE.poll();
                                if (document != null) {
                                    long start = System.nanoTime();
                                    approve(browser, node, token, phone, document);
                                    if (start >= measureFrom) {
                                        approvals.add((System.nanoTime() - start) / 1_000);
                                    }
                                }
                            }
                            String page = PAGES.get(step++ % PAGES.size());
                            long start = System.nanoTime();
                            HttpResponse<String> response = get(browser, node.resolve(page));
                            if (start >= measureFrom) {
                                latencies.get(page).add((System.nanoTime() - start) / 1_000);
                            }
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                            if (THINK_MS > 0) {
                                Thread.sleep(THINK_MS / 2 + java.util.concurrent.ThreadLocalRandom.current()
                                        .nextInt(THINK_MS + 1));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> loop : loops) {
                    loop.get();
                }
            }
            double seconds = (System.nanoTime() - measureFrom) / 1e9;
            List<Long> all = new ArrayList<>();
            latencies.values().forEach(all::addAll);
            print(USERS + " users, pause " + THINK_MS + " ms, " + SECONDS + " s after " + WARM_UP + " s warm-up", "%,.0f requests/s, %d not 200",
                    all.size() / seconds, failures.get());
            print("  all pages (ms)", "%s", percentilesMicros(all));
            for (String page : PAGES) {
                print("  " + page + " (ms)", "%s", percentilesMicros(latencies.get(page)));
            }
            print("  approval 1: ask, phone signs, approve (ms)", "%s", percentilesMicros(approvals));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Approval 1 of a document through the API: the signing request, the phone's signature, the approval. */
    private static void approve(HttpClient browser, URI node, String token, KhlangAuthenticator phone, long document)
            throws Exception {
        HttpResponse<String> ask = postJson(browser, node.resolve("/api/v1/money/withdrawals/" + document
                + "/approval-requests"), token, null, "{}", COMMAND);
        Matcher id = Pattern.compile("\"confirmationId\"\\s*:\\s*\"([^\"]+)\"").matcher(ask.body());
        if (!id.find()) {
            throw new IllegalStateException("no signing request: " + ask.statusCode() + " " + ask.body());
        }
        PendingRequest request = phone.pending().stream().filter(candidate -> candidate.id().equals(id.group(1)))
                .findFirst().orElseThrow();
        phone.approve(request, null);
        HttpResponse<String> approved = postJson(browser, node.resolve("/api/v1/money/withdrawals/" + document
                + "/approvals"), token, "load-" + document + "-approval", "{\"confirmationId\": \"" + id.group(1)
                + "\"}", COMMAND);
        if (approved.statusCode() != 200) {
            throw new IllegalStateException("approval refused: " + approved.statusCode() + " " + approved.body());
        }
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "p50 %d ms, p95 %d ms, p99 %d ms".formatted(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
    }

    private static String percentilesMicros(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "n %d, p50 %.1f, p95 %.1f, p99 %.1f", sorted.size(), at(sorted, 0.50) / 1000.0,
                at(sorted, 0.95) / 1000.0, at(sorted, 0.99) / 1000.0);
    }

    private static long at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static Process start(String url, String user, String password) throws Exception {
        requireFree(18080);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-jar", "khlang-server/target/khlang-server-exec.jar",
                "--spring.profiles.active=dev", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--server.port=18080", "--management.server.port=18081", "--khlang.proofing.dev-provider-port=0",
                "--spring.thymeleaf.cache=true", "--logging.level.root=WARN").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("benchmarks/target/load-server.log").toFile()))
                .start();
    }

}
