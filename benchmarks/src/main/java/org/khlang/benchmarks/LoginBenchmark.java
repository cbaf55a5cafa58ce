package org.khlang.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.khlang.benchmarks.Bench.PASSWORD;
import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.bindPhone;
import static org.khlang.benchmarks.Bench.browser;
import static org.khlang.benchmarks.Bench.completeSignIn;
import static org.khlang.benchmarks.Bench.csrf;
import static org.khlang.benchmarks.Bench.encode;
import static org.khlang.benchmarks.Bench.get;
import static org.khlang.benchmarks.Bench.postForm;
import static org.khlang.benchmarks.Bench.print;
import static org.khlang.benchmarks.Bench.requireFree;
import static org.khlang.benchmarks.Bench.shownNumber;
import static org.khlang.benchmarks.Bench.waitUntilUp;

/**
 * Server CPU per complete Soft Token login (design.md section 8): the server runs in its own JVM, this harness
 * plays browser and phone over loopback, and the server's CPU time is read from /proc before and after. Each
 * login is: the sign-in page, the password (answered with the page with the number), the phone fetching its requests
 * and sending its signed approval, and the page's completing call, which finds the approval and signs in under a new
 * session. Compared with one password hash (the deliberate cost: the server's own, in processor time, and one in
 * this JVM) and with a password-only sign-in of a person without a Soft Token. Measured in the server's steady
 * state: the warm-up goes on until the JIT compiler is done with the login path. Last, the logins in turns with
 * those of a second person whose stored hash is negligible: the login's own work, and, by difference, what the
 * 19 MiB hash costs beyond its own thread's processor time (the collector's work, and the caches it empties for the
 * rest of the login); and the stack's floor, the cheapest request the server answers. Whole logins are timed for
 * every figure; the steps in a pass of their own (reading /proc between requests costs the server too).
 */
public final class LoginBenchmark {

    /** At least this many logins of each kind before measuring, at most MAX_WARM_UP (KHLANG_BENCH_WARM_UP[_MAX]). */
    static final int WARM_UP = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_WARM_UP", "600"));
    static final int MAX_WARM_UP = Integer.parseInt(
            System.getenv().getOrDefault("KHLANG_BENCH_WARM_UP_MAX", "6000"));
    /** Steady: the JIT compiler's threads spend less than this much CPU per warm-up login (all three kinds). */
    static final double STEADY_JIT_MS = 1.0;
    static final int LOGINS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_LOGINS", "200"));
    static final String ENROLLED = "7003012345-01";
    static final String PASSWORD_ONLY = "somchai.r";
    /** The demo's withdrawal approver, with a phone too and a stored hash of negligible cost (see main). */
    static final String NEGLIGIBLE = "7003012345-02";
    /** The demo's payment approver signs in with a passkey, then the phone (the phishing-resistant route). */
    static final String PASSKEY = "7003012345-03";
    /** Argon2id of 8 KiB and one pass: the encoder reads the parameters from the stored hash. */
    static final Argon2PasswordEncoder NEGLIGIBLE_HASH = new Argon2PasswordEncoder(16, 32, 1, 8, 1);

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        requireFree(18080);
        requireFree(18081);
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        Process server = startServer(database.url(), database.user(), database.password());
        serverPid = server.pid();
        try {
            URI base = URI.create("http://localhost:18080");
            waitUntilUp(server);
            People people = people(base, database);
            KhlangAuthenticator phone = people.phone();
            KhlangAuthenticator negligiblePhone = people.negligiblePhone();
            KhlangAuthenticator passkeyPhone = people.passkeyPhone();
            SoftwarePasskey passkey = people.passkey();
            if ("own".equals(System.getenv("KHLANG_BENCH_MODE"))) {
                ownWorkOnly(server, base, negligiblePhone);
                return;
            }
            double hashMillis = hashMillis();
            // Warm up until the server is in its steady state: the JIT compiler still works through the application's
            // long tail of methods for thousands of logins, and until it is done the logins run partly in slower,
            // not yet optimised code. First the three kinds mixed, then Soft Token logins alone, as they are measured
            // (the JIT compiles again when the mix changes; a node does mostly these once everyone has a phone).
            untilSteady(server.pid(), "warm-up: logins of each kind until steady", WARM_UP, i -> {
                softTokenLogin(base, phone, ENROLLED, null);
                passwordOnlyLogin(base);
                passkeyLogin(base, passkeyPhone, passkey, PASSKEY);
                if (i % 4 == 0) {
                    wrongPassword(base, PASSWORD_ONLY);
                    softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null);
                    wrongPassword(base, NEGLIGIBLE);
                }
            });
            untilSteady(server.pid(), "  then Soft Token logins alone until steady", 0,
                    i -> softTokenLogin(base, phone, ENROLLED, null));
            double[] hashesBefore = serverHashes();
            double softToken = cpuMillisPer(server.pid(), () -> softTokenLogin(base, phone, ENROLLED, null));
            double[] hashesAfter = serverHashes();
            double serverHashMillis = (hashesAfter[1] - hashesBefore[1]) * 1000 / (hashesAfter[0] - hashesBefore[0]);
            double serverHashCpuMillis = (hashesAfter[2] - hashesBefore[2]) * 1000 / (hashesAfter[0] - hashesBefore[0]);
            String softTokenThreads = lastBreakdown;
            untilSteady(server.pid(), "  then passkey + phone logins alone until steady", 0,
                    i -> passkeyLogin(base, passkeyPhone, passkey, PASSKEY));
            double[] passkeyHashesBefore = serverHashes();
            double passkeyRoute = cpuMillisPer(server.pid(), () -> passkeyLogin(base, passkeyPhone, passkey, PASSKEY));
            double[] passkeyHashesAfter = serverHashes();
            double passkeyHashCpuMillis = (passkeyHashesAfter[2] - passkeyHashesBefore[2]) * 1000
                    / (passkeyHashesAfter[0] - passkeyHashesBefore[0]);
            double passkeyJit = lastJitMillis;
            double softTokenJit = lastJitMillis;
            // Where the time goes, step by step, in a pass of its own: reading the server's processor time between
            // requests costs the server too (the harness walks /proc through the caches the server's next request
            // needs; measured, 0.2-0.5 ms a request), so the steps add up to more than the login measured above.
            long[] steps = new long[STEPS.length];
            double stepped = cpuMillisPer(server.pid(), () -> softTokenLogin(base, phone, ENROLLED, steps));
            String stepJit = String.format(Locale.ROOT, "%.1f", lastJitMillis);
            double passwordOnly = cpuMillisPer(server.pid(), () -> passwordOnlyLogin(base));
            double wrongPassword = cpuMillisPer(server.pid(), () -> wrongPassword(base, PASSWORD_ONLY));
            double signInPage = cpuMillisPer(server.pid(), () -> get(browser(), base.resolve("/login")));
            HttpClient kept = browser();
            double signInPageKept = cpuMillisPer(server.pid(), () -> get(kept, base.resolve("/login")));
            double statusPoll = cpuMillisPer(server.pid(), () -> phone.pending());
            // What a browser fetched with every page before the files were kept (two pages per sign-in).
            List<URI> files = new java.util.ArrayList<>();
            java.util.regex.Matcher linked = java.util.regex.Pattern.compile("\"(/(?:css|js|img)/[^\"]+)\"")
                    .matcher(get(browser(), base.resolve("/login")).body());
            while (linked.find()) {
                files.add(base.resolve(linked.group(1)));
            }
            HttpClient fileBrowser = browser();
            double pageFiles = cpuMillisPer(server.pid(), () -> {
                for (URI file : files) {
                    get(fileBrowser, file);
                }
            });
            // A waiting page's call while the phone has not answered yet: a browser repeats it every 1.5 s.
            HttpClient waiting = browser();
            String waitingPage = postForm(waiting, base.resolve("/login"), "username=" + ENROLLED + "&password="
                    + PASSWORD + "&_csrf=" + encode(csrf(get(waiting, base.resolve("/login")).body()))).body();
            double pendingPoll = cpuMillisPer(server.pid(), () -> {
                HttpResponse<String> answer = completeSignIn(waiting, base, waitingPage);
                if (!answer.body().contains("\"PENDING\"")) {
                    throw new IllegalStateException("expected PENDING, got " + answer.body());
                }
            });
            print("one password hash (Argon2id m=19MiB t=2 p=1, this JVM)", "%.1f ms CPU", hashMillis);
            print("complete Soft Token login, server CPU w/o JIT", "%.1f ms (%.2f x hash), %.1f logins/s per core",
                    softToken, softToken / hashMillis, 1000 / softToken);
            print("  of which beyond the hash", "%.1f ms", softToken - hashMillis);
            print("one hash inside the server meanwhile (its own timers)", "%.1f ms CPU (%.1f ms wall)",
                    serverHashCpuMillis, serverHashMillis);
            print("complete Soft Token login against the server's own hash CPU", "%.2f x, %.1f ms beyond it",
                    softToken / serverHashCpuMillis, softToken - serverHashCpuMillis);
            print("  JIT compiler threads meanwhile (left out above)", "%.1f ms per login", softTokenJit);
            print("complete passkey + phone login, server CPU w/o JIT", "%.1f ms, %.1f logins/s per core",
                    passkeyRoute, 1000 / passkeyRoute);
            print("  against the server's own hash CPU meanwhile (%.1f ms)".formatted(passkeyHashCpuMillis),
                    "%.1f ms beyond it (JIT %.1f ms a login left out)", passkeyRoute - passkeyHashCpuMillis,
                    passkeyJit);
            print("  by thread kind (ms per login)", "%s", softTokenThreads);
            print("the same logins timed step by step (the timing itself costs the server)",
                    "%.1f ms (JIT %s ms left out)", stepped, stepJit);
            for (int i = 0; i < STEPS.length; i++) {
                print("  step: " + STEPS[i], "%.2f ms", steps[i] / 1e6 / LOGINS);
            }
            print("password-only sign-in (no Soft Token), server CPU w/o JIT",
                    "%.1f ms (%.2f x hash), %.1f logins/s per core",
                    passwordOnly, passwordOnly / hashMillis, 1000 / passwordOnly);
            print("refused sign-in (wrong password), server CPU w/o JIT", "%.1f ms (%.2f x hash)", wrongPassword,
                    wrongPassword / hashMillis);
            print("the sign-in page alone, server CPU w/o JIT", "%.1f ms", signInPage);
            print("  the same on a kept connection (the web stack's floor)", "%.2f ms", signInPageKept);
            print("a device fetching its requests, server CPU w/o JIT", "%.1f ms", statusPoll);
            print("the waiting page's call while the phone has not answered", "%.1f ms (every 1.5 s of waiting)",
                    pendingPoll);
            print("a page's " + files.size() + " files (style, script, icon) fetched again, server CPU", "%.1f ms"
                    + " (before they were kept: twice per sign-in; now once a release)", pageFiles);
            // Where the time beyond the hash goes: logins of the two people taken in turns, so that both are measured
            // in the same minutes (this VM's speed drifts by 10-30 % between runs). The second person's login does all
            // the same work but a negligible hash: its cost is the login's own work. What the first costs beyond its
            // hash's own processor time and the second does not is the hash's collateral: its 19 MiB evicting the
            // caches the rest of the work needs, and the collections its allocation causes.
            double[] pairsBefore = serverHashes();
            long[] pairs = inTurns(LOGINS, () -> softTokenLogin(base, phone, ENROLLED, null),
                    () -> softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null));
            double[] pairsAfter = serverHashes();
            double negligibleHashMillis = negligibleHashMillis();
            double pairHashCpuMillis = (pairsAfter[2] - pairsBefore[2]) * 1000 / LOGINS - negligibleHashMillis;
            double fullMillis = pairs[0] / 1e6 / LOGINS;
            double negligibleMillis = pairs[1] / 1e6 / LOGINS;
            System.out.println("in turns (blocks of " + TURN + ") with the same login of a person whose stored hash is "
                    + "negligible (8 KiB, 1 pass):");
            print("  the whole login, full / negligible hash", "%.2f ms / %.2f ms", fullMillis, negligibleMillis);
            print("  the hash's own processor time (server's timer)", "%.2f ms / %.3f ms", pairHashCpuMillis,
                    negligibleHashMillis);
            print("  the full login against its hash's processor time", "%.2f x, %.1f ms beyond it",
                    fullMillis / pairHashCpuMillis, fullMillis - pairHashCpuMillis);
            print("the login's own work (negligible hash's login less its hash)", "%.1f ms",
                    negligibleMillis - negligibleHashMillis);
            print("the hash's collateral (beyond its own time, full less negligible)", "%.1f ms",
                    fullMillis - pairHashCpuMillis - (negligibleMillis - negligibleHashMillis));
            // In turns, the negligible login runs on caches the other person's hash has just emptied too. Alone, with
            // no 19 MiB hash anywhere in the server: the least the login's own work costs.
            for (int i = 0; i < LOGINS; i++) {
                softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null);
            }
            double aloneMillis = cpuMillisPer(server.pid(),
                    () -> softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null));
            long[] alone = new long[STEPS.length];
            double aloneStepped = cpuMillisPer(server.pid(),
                    () -> softTokenLogin(base, negligiblePhone, NEGLIGIBLE, alone));
            print("the negligible hash's login alone (no 19 MiB hash in the server)", "%.1f ms", aloneMillis);
            print("  timed step by step", "%.1f ms, by step %s", aloneStepped, java.util.Arrays.stream(alone)
                    .mapToObj(n -> String.format(Locale.ROOT, "%.2f", n / 1e6 / LOGINS)).toList());
            // The same for a refused sign-in (sign-in page, wrong password): the difference is the hash's whole cost.
            long[] refused = inTurns(LOGINS, () -> wrongPassword(base, PASSWORD_ONLY),
                    () -> wrongPassword(base, NEGLIGIBLE));
            double hashWhole = (refused[0] - refused[1]) / 1e6 / LOGINS;
            print("refused sign-in, in turns", "%.2f ms / %.2f ms", refused[0] / 1e6 / LOGINS,
                    refused[1] / 1e6 / LOGINS);
            print("the hash's whole cost in the server (their difference)", "%.1f ms", hashWhole);
            // Against the hash's whole cost, from the logins in turns only: figures of different phases of the run
            // cannot be divided, this VM's speed drifts by 10-30 % between them. In turns, the hash's whole cost is
            // what the full login costs beyond the same login with the negligible hash.
            double own = negligibleMillis - negligibleHashMillis;
            print("complete Soft Token login against the hash's whole cost (in turns)", "%.2f x, %.1f ms beyond it",
                    fullMillis / (fullMillis - own), own);
            printStackFloor(base);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** The people who sign in, each with a bound phone: see {@link #people}. */
    record People(KhlangAuthenticator phone, KhlangAuthenticator negligiblePhone, KhlangAuthenticator passkeyPhone,
                  SoftwarePasskey passkey) {
    }

    /**
     * The demo's recorder with a phone; the withdrawal approver with a phone and a stored hash of negligible cost
     * (the server does all of a login's own work but not the 19 MiB hash); the payment approver with a phone and a
     * passkey (password, passkey, then the phone). Each is proven and given an activation code in the database.
     */
    static People people(URI base, Bench.Database database) throws Exception {
        try (Connection connection = database.connect();
             java.sql.PreparedStatement cheap = connection.prepareStatement(
                     "update user_account set password_hash = ? where username = ?")) {
            KhlangAuthenticator phone = bindPhone(base, connection, actor(connection, ENROLLED).accountId(),
                    "BNCH-0000-0000-0001", "benchmark phone");
            KhlangAuthenticator negligiblePhone = bindPhone(base, connection,
                    actor(connection, NEGLIGIBLE).accountId(), "BNCH-0000-0000-0002", "second benchmark phone");
            long passkeyAccount = actor(connection, PASSKEY).accountId();
            KhlangAuthenticator passkeyPhone = bindPhone(base, connection, passkeyAccount, "BNCH-0000-0000-0003",
                    "third benchmark phone");
            SoftwarePasskey passkey = SoftwarePasskey.registered(connection, passkeyAccount, PASSKEY, "localhost",
                    base.toString().replaceAll("/$", ""));
            cheap.setString(1, NEGLIGIBLE_HASH.encode(PASSWORD));
            cheap.setString(2, NEGLIGIBLE);
            cheap.executeUpdate();
            return new People(phone, negligiblePhone, passkeyPhone, passkey);
        }
    }

    /**
     * The quick mode (KHLANG_BENCH_MODE=own): only the login's own work, with the negligible hash, warmed up until
     * steady and measured in three rounds. For comparing two versions of the login path run after run; the full
     * benchmark is what docs/benchmarks.md records.
     */
    private static void ownWorkOnly(Process server, URI base, KhlangAuthenticator negligiblePhone) throws Exception {
        untilSteady(server.pid(), "warm-up: logins with the negligible hash until steady", WARM_UP,
                i -> softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null));
        for (int round = 1; round <= 3; round++) {
            long whole = serverNanos(() -> {
                for (int i = 0; i < LOGINS; i++) {
                    softTokenLogin(base, negligiblePhone, NEGLIGIBLE, null);
                }
            });
            print("round " + round + ": the login's own work", "%.2f ms", whole / 1e6 / LOGINS);
            long[] steps = new long[STEPS.length];
            long stepped = serverNanos(() -> {
                for (int i = 0; i < LOGINS; i++) {
                    softTokenLogin(base, negligiblePhone, NEGLIGIBLE, steps);
                }
            });
            print("  timed step by step (the timing costs the server too)", "%.2f ms, by step %s",
                    stepped / 1e6 / LOGINS, java.util.Arrays.stream(steps)
                            .mapToObj(n -> String.format(Locale.ROOT, "%.2f", n / 1e6 / LOGINS)).toList());
        }
        printStackFloor(base);
    }

    /**
     * The least one request costs on this web stack: the page's icon (a file, no database, no template), through
     * Tomcat, the security filter chain, the session filter and the MVC dispatcher, on a new connection and on a kept
     * one. A login is five requests (one new connection, four kept); this floor is what any login costs before it
     * does anything of its own.
     */
    private static void printStackFloor(URI base) throws Exception {
        java.util.regex.Matcher icon = java.util.regex.Pattern.compile("\"(/img/[^\"]+)\"")
                .matcher(get(browser(), base.resolve("/login")).body());
        if (!icon.find()) {
            throw new IllegalStateException("the sign-in page links no icon");
        }
        URI file = base.resolve(icon.group(1));
        HttpClient kept = browser();
        int requests = 4 * LOGINS;
        for (int i = 0; i < requests; i++) {
            get(kept, file);
            get(browser(), file);
        }
        long[] nanos = inTurns(requests, () -> expectOk(get(kept, file)), () -> expectOk(get(browser(), file)));
        double keptMillis = nanos[0] / 1e6 / requests;
        double freshMillis = nanos[1] / 1e6 / requests;
        print("the stack's floor: a file on a kept connection / a new one", "%.2f ms / %.2f ms", keptMillis,
                freshMillis);
        print("  five such requests, as a login's (one new connection)", "%.2f ms", freshMillis + 4 * keptMillis);
    }

    private static void expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("expected 200, got " + response.statusCode());
        }
    }

    /** Logins (or requests) of two kinds are taken in turns in blocks of this many. */
    private static final int TURN = 10;

    /**
     * Runs {@code first} and {@code second} {@code count} times each, in turns, in blocks of TURN, and returns the
     * server's processor time (ns, JIT left out) of each kind. Timed at the blocks' edges only: reading the server's
     * time from /proc between single requests costs the server itself (the harness's walk through /proc empties the
     * caches the server's next request needs; measured, 0.2-0.5 ms a request).
     */
    private static long[] inTurns(int count, Login first, Login second) throws Exception {
        long[] nanos = new long[2];
        for (int done = 0; done < count; done += TURN) {
            nanos[0] += serverNanos(() -> {
                for (int i = 0; i < TURN; i++) {
                    first.run();
                }
            });
            nanos[1] += serverNanos(() -> {
                for (int i = 0; i < TURN; i++) {
                    second.run();
                }
            });
        }
        return nanos;
    }

    @FunctionalInterface
    interface Login {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Numbered {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code login} in rounds of 100, at least {@code minimum} times, until the JIT compiler's threads spend
     * under STEADY_JIT_MS a login in two rounds in a row (it compiles in bursts), at most MAX_WARM_UP times.
     */
    static void untilSteady(long pid, String label, int minimum, Numbered login) throws Exception {
        int done = 0;
        int quietRounds = 0;
        double jitPerLogin = Double.MAX_VALUE;
        while (done < minimum || (quietRounds < 2 && done < MAX_WARM_UP)) {
            long jitBefore = jitTicks(pid);
            for (int i = 0; i < 100; i++, done++) {
                login.run(i);
            }
            jitPerLogin = (jitTicks(pid) - jitBefore) * 10.0 / 100;
            quietRounds = jitPerLogin < STEADY_JIT_MS ? quietRounds + 1 : 0;
        }
        print(label, "%d (JIT %.1f ms a login in the last 100)", done, jitPerLogin);
    }

    private static double cpuMillisPer(long pid, Login login) throws Exception {
        java.util.Map<String, long[]> threadsBefore = threadTicks(pid);
        long before = cpuTicks(pid);
        for (int i = 0; i < LOGINS; i++) {
            login.run();
        }
        long after = cpuTicks(pid);
        java.util.Map<String, long[]> threadsAfter = threadTicks(pid);
        StringBuilder breakdown = new StringBuilder();
        threadsAfter.forEach((kind, ticks) -> {
            long[] was = threadsBefore.getOrDefault(kind, new long[2]);
            breakdown.append(String.format(Locale.ROOT, " %s user %.1f sys %.1f;", kind,
                    (ticks[0] - was[0]) * 10.0 / LOGINS, (ticks[1] - was[1]) * 10.0 / LOGINS));
        });
        long[] jit = threadsAfter.getOrDefault("jit", new long[2]);
        long[] jitBefore = threadsBefore.getOrDefault("jit", new long[2]);
        long jitTicks = jit[0] + jit[1] - jitBefore[0] - jitBefore[1];
        lastBreakdown = breakdown.toString();
        lastJitMillis = jitTicks * 10.0 / LOGINS;
        // 100 ticks per second on Linux. The JIT compiler's threads are left out: after the warm-up they are still
        // working through the application's long tail of methods, a one-time cost that fades (reported apart).
        return (after - before - jitTicks) * 10.0 / LOGINS;
    }

    private static String lastBreakdown = "";
    private static double lastJitMillis;

    static long jitTicks(long pid) throws IOException {
        long[] jit = threadTicks(pid).getOrDefault("jit", new long[2]);
        return jit[0] + jit[1];
    }

    /**
     * The processor time of the server's threads but the JIT compiler's, in nanoseconds (the scheduler's own count,
     * /proc/PID/task/TID/schedstat; the ticks of /proc/PID/stat are 10 ms, too coarse for one step of one login).
     */
    static long nanosWithoutJit(long pid) throws IOException {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (!name.startsWith("C1 Comp") && !name.startsWith("C2 Comp")) {
                        String schedstat = Files.readString(task.resolve("schedstat"));
                        total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }

    /** User and system ticks of the server's threads, grouped: request threads, garbage collector, JIT, other. */
    private static java.util.Map<String, long[]> threadTicks(long pid) throws IOException {
        java.util.Map<String, long[]> kinds = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String kind = name.startsWith("GC Thread") || name.startsWith("G1") ? "gc"
                        : name.startsWith("C1 Comp") || name.startsWith("C2 Comp") ? "jit"
                        : name.startsWith("ForkJoinPool") || name.startsWith("http-nio") || name.startsWith("virtual")
                        ? "requests" : "other";
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long[] ticks = kinds.computeIfAbsent(kind, k -> new long[2]);
                ticks[0] += Long.parseLong(fields[11]);
                ticks[1] += Long.parseLong(fields[12]);
            }
        }
        return kinds;
    }

    /** The steps of a Soft Token login, as the harness times them (server CPU per step, see step). */
    private static final String[] STEPS = {"sign-in page", "password (hash, push request, page with the number)",
            "phone fetches its requests", "phone's signed decision", "the page's completing call (new session)"};
    /** Adds the server's processor time since {@code since} (ns, JIT left out) to {@code steps[index]}. */
    private static long step(long[] steps, int index, long since) throws IOException {
        if (steps == null) {
            return 0;
        }
        long now = nanosWithoutJit(serverPid);
        if (index >= 0) {
            steps[index] += now - since;
        }
        return now;
    }

    static long serverPid;

    /** The server's processor time (ns, JIT left out) while {@code work} runs. */
    private static long serverNanos(Login work) throws Exception {
        long before = nanosWithoutJit(serverPid);
        work.run();
        return nanosWithoutJit(serverPid) - before;
    }

    /** A complete Soft Token login of {@code username}; the server's time per step is added to {@code steps}. */
    static void softTokenLogin(URI base, KhlangAuthenticator phone, String username, long[] steps)
            throws Exception {
        HttpClient browser = browser();
        long t = step(steps, -1, 0);
        String csrf = csrf(get(browser, base.resolve("/login")).body());
        t = step(steps, 0, t);
        HttpResponse<String> password = postForm(browser, base.resolve("/login"),
                "username=" + encode(username) + "&password=" + PASSWORD + "&_csrf=" + encode(csrf));
        t = step(steps, 1, t);
        String page = password.body();
        int number = shownNumber(page);
        List<PendingRequest> pending = phone.pending();
        t = step(steps, 2, t);
        if (!phone.approve(pending.getFirst(), number).approved()) {
            throw new IllegalStateException("the phone's approval was refused");
        }
        t = step(steps, 3, t);
        // What the page's script does: it asks to complete, and the call that finds the approval signs in.
        HttpResponse<String> complete = completeSignIn(browser, base, page);
        step(steps, 4, t);
        if (complete.statusCode() != 200 || !complete.body().contains("\"SIGNED_IN\"")) {
            throw new IllegalStateException("the completion did not sign in: " + complete.statusCode() + " "
                    + complete.body());
        }
    }

    /**
     * A complete sign-in by the phishing-resistant route: the password (answered with a redirect to the passkey
     * step), the passkey page, its request options, the passkey's assertion, the page with the number, the phone's
     * two calls and the completing call: eight requests of the browser and two of the phone.
     */
    static void passkeyLogin(URI base, KhlangAuthenticator phone, SoftwarePasskey passkey, String username)
            throws Exception {
        HttpClient browser = browser();
        String csrf = csrf(get(browser, base.resolve("/login")).body());
        expectRedirect(postForm(browser, base.resolve("/login"),
                "username=" + encode(username) + "&password=" + PASSWORD + "&_csrf=" + encode(csrf)), "/login/passkey");
        String token = encode(csrf(get(browser, base.resolve("/login/passkey")).body()));
        HttpResponse<String> options = postForm(browser, base.resolve("/login/passkey/options"), "_csrf=" + token);
        HttpResponse<String> verified = postForm(browser, base.resolve("/login/passkey"),
                "credential=" + encode(passkey.assertion(options.body())) + "&_csrf=" + token);
        if (verified.statusCode() != 200 || !verified.body().contains("/login/confirm")) {
            throw new IllegalStateException("the passkey was refused: " + verified.statusCode() + " "
                    + verified.body());
        }
        String page = get(browser, base.resolve("/login/confirm")).body();
        int number = shownNumber(page);
        List<PendingRequest> pending = phone.pending();
        if (!phone.approve(pending.getFirst(), number).approved()) {
            throw new IllegalStateException("the phone's approval was refused");
        }
        HttpResponse<String> complete = completeSignIn(browser, base, page);
        if (complete.statusCode() != 200 || !complete.body().contains("\"SIGNED_IN\"")) {
            throw new IllegalStateException("the completion did not sign in: " + complete.statusCode() + " "
                    + complete.body());
        }
    }

    static void wrongPassword(URI base, String username) throws Exception {
        HttpClient browser = browser();
        expectRedirect(postForm(browser, base.resolve("/login"), "username=" + encode(username)
                + "&password=not-the-password&_csrf=" + encode(csrf(get(browser, base.resolve("/login")).body()))),
                "/login");
    }

    static void passwordOnlyLogin(URI base) throws Exception {
        HttpClient browser = browser();
        String csrf = csrf(get(browser, base.resolve("/login")).body());
        expectRedirect(postForm(browser, base.resolve("/login"),
                "username=" + PASSWORD_ONLY + "&password=" + PASSWORD + "&_csrf=" + encode(csrf)), "/");
    }

    /** One hash in this JVM, compiled under the same directives as the server's (see Argon2Compilation). */
    static double hashMillis() throws Exception {
        java.nio.file.Path directives = Files.createTempFile("bench-argon2-", ".json");
        try (var in = LoginBenchmark.class.getResourceAsStream("/jit/argon2-directives.json")) {
            Files.write(directives, in.readAllBytes());
        }
        java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                new Object[] {new String[] {directives.toString()}}, new String[] {String[].class.getName()});
        Files.delete(directives);
        return hashMillis(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2), 40, 100);
    }

    /** One hash of the negligible kind (8 KiB, one pass) in this JVM. */
    static double negligibleHashMillis() {
        return hashMillis(NEGLIGIBLE_HASH, 2000, 2000);
    }

    /** The processor time of one check of {@code encoder}'s hash in this thread, after {@code warmUp} checks. */
    static double hashMillis(Argon2PasswordEncoder encoder, int warmUp, int measured) {
        String hash = encoder.encode(PASSWORD);
        for (int i = 0; i < warmUp; i++) {
            encoder.matches(PASSWORD, hash);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < measured; i++) {
            encoder.matches(PASSWORD, hash);
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / measured;
    }

    /** The server's own password-hash timers (count, total seconds, total processor seconds), from Prometheus. */
    static double[] serverHashes() throws Exception {
        String metrics = get(HttpClient.newHttpClient(), URI.create("http://localhost:18081/actuator/prometheus"))
                .body();
        double count = 0;
        double sum = 0;
        double cpu = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("khlang_password_hash_seconds_count")) {
                count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("khlang_password_hash_seconds_sum")) {
                sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("khlang_password_hash_cpu_seconds_sum")) {
                cpu = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        if (count == 0 || cpu == 0) {
            throw new IllegalStateException("the server publishes no khlang_password_hash_seconds / _cpu_seconds");
        }
        return new double[] {count, sum, cpu};
    }

    static Process startServer(String url, String user, String password) throws IOException {
        return startServer(url, user, password, System.getenv("KHLANG_BENCH_SERVER_OPTS"));
    }

    /** The server as its own JVM on ports 18080 (and 18081 for its metrics), with these JVM options. */
    static Process startServer(String url, String user, String password, String options) throws IOException {
        Path jar = Path.of("khlang-server/target/khlang-server-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the server first: " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=dev",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--server.port=18080", "--management.server.port=18081",
                "--khlang.proofing.dev-provider-port=0", "--spring.thymeleaf.cache=true",
                "--khlang.softtoken.push-limit=1000000", "--khlang.identity.failures-before-delay=1000000",
                "--khlang.identity.max-failures-per-hour=1000000", "--logging.level.root=WARN"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("benchmarks/target/login-server.log").toFile())
                .start();
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
    }

    private static void expectRedirect(HttpResponse<String> response, String path) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !URI.create(location).getPath().equals(path)) {
            throw new IllegalStateException("expected a redirect to " + path + ", got " + response.statusCode() + " "
                    + location);
        }
    }

}
