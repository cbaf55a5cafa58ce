package org.khlang.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khlang.authenticator.KhlangAuthenticator;

import static org.khlang.benchmarks.Bench.PASSWORD;
import static org.khlang.benchmarks.Bench.encode;
import static org.khlang.benchmarks.Bench.print;
import static org.khlang.benchmarks.Bench.requireFree;
import static org.khlang.benchmarks.Bench.waitUntilUp;

/**
 * Khlang's complete two-factor sign-ins side by side with Keycloak's password-only logins, on this machine, in one
 * run (issue 17): Keycloak (keycloak-quarkus-dist 26.x from Maven Central, {@code KHLANG_BENCH_KEYCLOAK_HOME}) on
 * the same PostgreSQL, its Argon2 password hash set to Khlang's own parameters (Argon2id, 19 MiB, 2 passes, 1 lane,
 * 32-byte hash; the stored credential is read back to prove it), logging in through its password grant (the
 * lightest of its routes: no login page, no redirects); Khlang by both of its routes, password + phone and password +
 * passkey + phone. Each is measured as the processor time of its own server process (the scheduler's count, JIT
 * compiler threads left out), in blocks of ten logins taken in turns, so that all are measured at one speed of this
 * VM. Each server's own work is measured the same way with a password hash of negligible cost: Keycloak's realm with
 * PBKDF2 of one iteration, Khlang's person with Argon2 of 8 KiB and one pass. Both JVMs get the same heap and the
 * same JDK.
 */
public final class KeycloakBenchmark {

    private static final URI KEYCLOAK = URI.create("http://localhost:18180");
    private static final String HEAP = System.getenv().getOrDefault("KHLANG_BENCH_HEAP", "-Xms1g -Xmx2g");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String KC_USER = "somchai";
    private static final int TURN = 10;

    private KeycloakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("KHLANG_BENCH_KEYCLOAK_HOME", ""));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("KHLANG_BENCH_KEYCLOAK_HOME names no Keycloak: " + home);
        }
        for (int port : new int[] {18080, 18081, 18180, 18190}) {
            requireFree(port);
        }
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        String keycloakDb = database.url().replaceAll("/[^/?]+(\\?.*)?$", "/keycloak_bench");
        Process khlang = LoginBenchmark.startServer(database.url(), database.user(), database.password(), HEAP);
        LoginBenchmark.serverPid = khlang.pid();
        Process keycloak = startKeycloak(home, keycloakDb, database.user(), database.password());
        try {
            URI base = URI.create("http://localhost:18080");
            waitUntilUp(khlang);
            LoginBenchmark.People people = LoginBenchmark.people(base, database);
            KhlangAuthenticator phone = people.phone();
            KhlangAuthenticator negligiblePhone = people.negligiblePhone();
            KhlangAuthenticator passkeyPhone = people.passkeyPhone();
            SoftwarePasskey passkey = people.passkey();
            long keycloakPid = waitForKeycloak(keycloak);
            configureKeycloak();
            print("Keycloak", "%s, pid %d", home.getFileName(), keycloakPid);
            print("Keycloak's stored hash (realm bench)", "%s", storedCredential(keycloakDb, database));

            HttpClient keycloakClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            LoginBenchmark.Login keycloakLogin = () -> passwordGrant(keycloakClient, "bench");
            LoginBenchmark.Login keycloakCheap = () -> passwordGrant(keycloakClient, "bench-cheap");
            LoginBenchmark.Login phoneLogin = () -> LoginBenchmark.softTokenLogin(base, phone,
                    LoginBenchmark.ENROLLED, null);
            LoginBenchmark.Login passkeyLogin = () -> LoginBenchmark.passkeyLogin(base, passkeyPhone, passkey,
                    LoginBenchmark.PASSKEY);
            LoginBenchmark.Login negligibleLogin = () -> LoginBenchmark.softTokenLogin(base, negligiblePhone,
                    LoginBenchmark.NEGLIGIBLE, null);
            // Warm both servers up until their JIT compilers are done with these paths.
            LoginBenchmark.untilSteady(keycloakPid, "warm-up: Keycloak's logins until steady",
                    LoginBenchmark.WARM_UP, i -> {
                        keycloakLogin.run();
                        keycloakCheap.run();
                    });
            LoginBenchmark.untilSteady(khlang.pid(), "warm-up: Khlang's logins of each route until steady",
                    LoginBenchmark.WARM_UP, i -> {
                        phoneLogin.run();
                        passkeyLogin.run();
                        negligibleLogin.run();
                    });
            double hash = LoginBenchmark.hashMillis();
            List<Measured> kinds = List.of(
                    new Measured("Keycloak: password grant (Argon2id as Khlang's)", keycloakPid, keycloakLogin),
                    new Measured("Khlang: password + phone (six-digit secret)", khlang.pid(), phoneLogin),
                    new Measured("Khlang: password + passkey + phone", khlang.pid(), passkeyLogin),
                    new Measured("Keycloak: password grant, negligible hash (PBKDF2, 1 iteration)", keycloakPid,
                            keycloakCheap),
                    new Measured("Khlang: password + phone, negligible hash (Argon2 8 KiB, 1 pass)", khlang.pid(),
                            negligibleLogin));
            int rounds = Math.max(1, LoginBenchmark.LOGINS / TURN);
            long hashNanos = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            org.springframework.security.crypto.argon2.Argon2PasswordEncoder encoder =
                    new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
            String stored = encoder.encode(PASSWORD);
            double[] khlangHashesBefore = LoginBenchmark.serverHashes();
            for (int round = 0; round < rounds; round++) {
                for (Measured kind : kinds) {
                    long before = LoginBenchmark.nanosWithoutJit(kind.pid);
                    for (int i = 0; i < TURN; i++) {
                        kind.login.run();
                    }
                    kind.nanos += LoginBenchmark.nanosWithoutJit(kind.pid) - before;
                }
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < TURN; i++) {
                    encoder.matches(PASSWORD, stored);
                }
                hashNanos += threads.getCurrentThreadCpuTime() - start;
            }
            double[] khlangHashesAfter = LoginBenchmark.serverHashes();
            int count = rounds * TURN;
            double hashInTurns = hashNanos / 1e6 / count;
            // Khlang's own hash timer: every login above hashed once, the negligible ones next to nothing.
            double khlangHashCpu = (khlangHashesAfter[2] - khlangHashesBefore[2]) * 1000 / (2.0 * count);
            print("logins of each kind, in turns (blocks of " + TURN + ")", "%d", count);
            print("one password hash, Argon2id m=19MiB t=2 p=1, this JVM (warm / in turns)", "%.1f ms / %.1f ms",
                    hash, hashInTurns);
            print("  Khlang's own hash timer meanwhile", "%.1f ms of processor time", khlangHashCpu);
            for (Measured kind : kinds.subList(0, 3)) {
                double millis = kind.nanos / 1e6 / count;
                print(kind.label, "%.1f ms server CPU, %.1f logins/s per busy core, %.1f ms beyond the hash",
                        millis, 1000 / millis, millis - hashInTurns);
            }
            for (Measured kind : kinds.subList(3, 5)) {
                double millis = kind.nanos / 1e6 / count;
                print(kind.label, "%.1f ms server CPU (the login's own work), %.1f logins/s per busy core",
                        millis, 1000 / millis);
            }
            double keycloakMs = kinds.get(0).nanos / 1e6 / count;
            double phoneMs = kinds.get(1).nanos / 1e6 / count;
            double passkeyMs = kinds.get(2).nanos / 1e6 / count;
            print("Khlang two-factor logins per core against Keycloak's password-only (phone / passkey + phone)",
                    "%.2f x / %.2f x (target >= 1.0 x)", keycloakMs / phoneMs, keycloakMs / passkeyMs);
            print("CPU beyond the hash, Khlang phone / passkey + phone / Keycloak", "%.1f / %.1f / %.1f ms"
                    + " (target: Khlang <= Keycloak)", phoneMs - hashInTurns, passkeyMs - hashInTurns,
                    keycloakMs - hashInTurns);
            print("own work with a negligible hash, Khlang phone / Keycloak", "%.1f / %.1f ms",
                    kinds.get(4).nanos / 1e6 / count, kinds.get(3).nanos / 1e6 / count);
            print("Keycloak's hash in its server (full less negligible-hash login)", "%.1f ms",
                    (kinds.get(0).nanos - kinds.get(3).nanos) / 1e6 / count);
        } finally {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            khlang.destroy();
            keycloak.waitFor();
            khlang.waitFor();
        }
    }

    private static final class Measured {
        final String label;
        final long pid;
        final LoginBenchmark.Login login;
        long nanos;

        Measured(String label, long pid, LoginBenchmark.Login login) {
            this.label = label;
            this.pid = pid;
            this.login = login;
        }
    }

    private static Process startKeycloak(Path home, String url, String user, String password) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--db=postgres", "--db-url=" + url, "--db-username=" + user, "--db-password=" + password,
                "--http-enabled=true", "--http-port=18180", "--http-management-port=18190",
                "--hostname-strict=false", "--cache=local", "--log-level=WARN",
                // Khlang's own Argon2id parameters (identity.internal.SecurityConfig): 19 MiB, 2 passes, 1 lane
                "--spi-password-hashing--argon2--type=id", "--spi-password-hashing--argon2--memory=19456",
                "--spi-password-hashing--argon2--iterations=2", "--spi-password-hashing--argon2--parallelism=1",
                "--spi-password-hashing--argon2--hash-length=32"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("benchmarks/target/keycloak-server.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", HEAP);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "bench-admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword());
        return builder.start();
    }

    /** A password for the run's temporary administrator: made up each run, never written down. */
    private static String adminPassword() {
        if (adminPassword == null) {
            byte[] random = new byte[18];
            new java.security.SecureRandom().nextBytes(random);
            adminPassword = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return adminPassword;
    }

    private static String adminPassword;

    /** Waits until Keycloak answers, and returns the pid of its JVM (kc.sh execs java, so it is the same). */
    private static long waitForKeycloak(Process keycloak) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak ended: see benchmarks/target/keycloak-server.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(KEYCLOAK.resolve("/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return keycloak.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                            .map(ProcessHandle::pid).findFirst().orElse(keycloak.pid());
                }
            } catch (java.io.IOException starting) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not start within 5 minutes");
    }

    /** Two realms with a public client allowed the password grant and one user each (Keycloak's admin API). */
    private static void configureKeycloak() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http, "master", "admin-cli", "bench-admin", adminPassword());
        admin(http, token, "/admin/realms", "{\"realm\":\"bench\",\"enabled\":true,"
                + "\"passwordPolicy\":\"hashAlgorithm(argon2)\"}");
        admin(http, token, "/admin/realms", "{\"realm\":\"bench-cheap\",\"enabled\":true,"
                + "\"passwordPolicy\":\"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)\"}");
        for (String realm : List.of("bench", "bench-cheap")) {
            admin(http, token, "/admin/realms/" + realm + "/clients", "{\"clientId\":\"bench\",\"publicClient\":true,"
                    + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}");
            admin(http, token, "/admin/realms/" + realm + "/users", "{\"username\":\"" + KC_USER + "\","
                    + "\"enabled\":true,\"email\":\"somchai@example.go.th\",\"emailVerified\":true,"
                    + "\"firstName\":\"Somchai\",\"lastName\":\"Jaidee\",\"credentials\":[{\"type\":\"password\","
                    + "\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}");
        }
    }

    private static void admin(HttpClient http, String token, String path, String json) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(KEYCLOAK.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused " + path + ": " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private static String token(HttpClient http, String realm, String client, String user, String password)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        KEYCLOAK.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client + "&username="
                        + encode(user) + "&password=" + encode(password))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Keycloak's login failed: " + answer.statusCode() + " " + answer.body());
        }
        return token.group(1);
    }

    /** One complete Keycloak login: the password grant, answered with signed access, ID and refresh tokens. */
    private static void passwordGrant(HttpClient http, String realm) throws Exception {
        token(http, realm, "bench", KC_USER, PASSWORD);
    }

    private static String storedCredential(String url, Bench.Database database) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(url, database.user(), database.password());
             java.sql.PreparedStatement query = connection.prepareStatement("select c.credential_data from credential c"
                     + " join user_entity u on u.id = c.user_id join realm r on r.id = u.realm_id"
                     + " where u.username = ? and r.name = 'bench'")) {
            query.setString(1, KC_USER);
            try (java.sql.ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1).toLowerCase(Locale.ROOT) : "(none)";
            }
        }
    }
}
