package org.khlang.benchmarks;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.khlang.KhlangApplication;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.shared.Actor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the harnesses share: the benchmark database, the demo people and their phones, a browser over HTTP. */
final class Bench {

    /** The password of every demo account (README). */
    static final String PASSWORD = "Lotus-Pond-2568";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("data-digits=\"(\\d{6})\"");

    private Bench() {
    }

    /** The benchmark database, from KHLANG_BENCH_DB_URL, _USER and _PASSWORD (khlang_bench on localhost). */
    record Database(String url, String user, String password) {

        static Database fromEnvironment() {
            return new Database(System.getenv().getOrDefault("KHLANG_BENCH_DB_URL",
                    "jdbc:postgresql://localhost:5432/khlang_bench"),
                    System.getenv().getOrDefault("KHLANG_BENCH_DB_USER", "khlang"),
                    System.getenv().getOrDefault("KHLANG_BENCH_DB_PASSWORD", "khlang"));
        }

        /** Empties the database; the application's own migrations then build it afresh. */
        Database cleaned() {
            Flyway.configure().dataSource(url, user, password).cleanDisabled(false)
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().clean();
            return this;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    static Actor actor(Connection connection, String username) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("select id from user_account where username = ?")) {
            find.setString(1, username);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no account " + username + " (demo data missing?)");
                }
                return new Actor(rows.getLong(1), username);
            }
        }
    }

    /** The agency of the person holding the account. */
    static long agencyOf(Connection connection, Actor actor) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("select p.agency_id from user_account a"
                + " join person p on p.id = a.person_id where a.id = ?")) {
            find.setLong(1, actor.accountId());
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no account " + actor.username());
                }
                return rows.getLong(1);
            }
        }
    }

    /**
     * Binds a reference authenticator to the account: a proofing result and an activation code written in SQL (the
     * proofing and activation tests prove those steps), then the phone's activation and first approval.
     */
    static KhlangAuthenticator bindPhone(URI server, Connection connection, long accountId, String code,
                                         String phoneName) throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        try (PreparedStatement proof = connection.prepareStatement("insert into proofing_result (account_id,"
                + " provider, subject, level, proofed_at, token_sha256) values (?, 'bench', ?, '2.3', ?, ?)")) {
            proof.setLong(1, accountId);
            proof.setString(2, "bench-" + accountId);
            proof.setObject(3, now);
            proof.setString(4, sha256("bench-token-" + accountId + "-" + code));
            proof.executeUpdate();
        }
        try (PreparedStatement activation = connection.prepareStatement("insert into activation_code"
                + " (code_sha256, account_id, created_at, expires_at) values (?, ?, ?, ?)")) {
            activation.setString(1, sha256(code.replace("-", "")));
            activation.setLong(2, accountId);
            activation.setObject(3, now);
            activation.setObject(4, now.plusMinutes(10));
            activation.executeUpdate();
        }
        KhlangAuthenticator.Activation activation = KhlangAuthenticator.activate(server, code, phoneName);
        activation.authenticator().approve(activation.firstRequest(), null);
        return activation.authenticator();
    }

    /**
     * The application in the harness's JVM, dev profile with its demo data, on the benchmark database, at
     * http://localhost:18090 (management 18091). As command-line arguments: they win over the dev profile's own.
     */
    static ConfigurableApplicationContext node(Database database, String... settings) {
        return node(database, 18090, settings);
    }

    /** A node on {@code port} (its management port the next one), with more settings. */
    static ConfigurableApplicationContext node(Database database, int port, String... settings) {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--server.port=" + port,
                "--management.server.port=" + (port + 1), "--khlang.proofing.dev-provider-port=0",
                "--khlang.softtoken.push-limit=100000000", "--logging.level.root=WARN"));
        arguments.addAll(java.util.List.of(settings));
        return new SpringApplicationBuilder(KhlangApplication.class).profiles("dev").run(arguments.toArray(String[]::new));
    }

    /** A browser: its own cookies, redirects not followed (the harness checks them). */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Signs in as a person does: the password, whose answer is the page with the number; with a phone, the number
     * approved on it and the page's completing call. Returns the signed-in browser.
     */
    static HttpClient signIn(URI node, String username, KhlangAuthenticator phone) throws Exception {
        HttpClient browser = browser();
        String csrf = csrf(get(browser, node.resolve("/login")).body());
        HttpResponse<String> password = postForm(browser, node.resolve("/login"), "username=" + encode(username)
                + "&password=" + encode(PASSWORD) + "&_csrf=" + encode(csrf));
        if (phone == null) {
            if (password.statusCode() != 302) {
                throw new IllegalStateException("password sign-in of " + username + " refused: "
                        + password.statusCode());
            }
            return browser;
        }
        String page = password.body();
        int number = shownNumber(page);
        PendingRequest login = phone.pending().stream().filter(request -> request.kind().equals("LOGIN")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sign-in request on the phone of " + username));
        if (!phone.approve(login, number).approved()) {
            throw new IllegalStateException("the phone refused the sign-in of " + username);
        }
        HttpResponse<String> complete = completeSignIn(browser, node, page);
        if (complete.statusCode() != 200 || !complete.body().contains("\"SIGNED_IN\"")) {
            throw new IllegalStateException("sign-in of " + username + " not completed: " + complete.statusCode()
                    + " " + complete.body());
        }
        return browser;
    }

    /** The six-digit secret the page asks to send from the phone. */
    static int shownNumber(String page) {
        Matcher number = NUMBER.matcher(page);
        if (!number.find()) {
            throw new IllegalStateException("no number on the confirmation page");
        }
        return Integer.parseInt(number.group(1));
    }

    /** The waiting page's call: completes the sign-in once the phone has approved (JSON, as the page's script). */
    static HttpResponse<String> completeSignIn(HttpClient browser, URI node, String page) throws Exception {
        return browser.send(HttpRequest.newBuilder(node.resolve("/login/confirm/complete"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf(page)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postForm(HttpClient http, URI uri, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON command of the session API: the CSRF token in its header, an Idempotency-Key when given. */
    static HttpResponse<String> postJson(HttpClient http, URI uri, String csrf, String key, String json,
                                         Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("X-KHLANG-CSRF", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the node's readiness on the management port 18081; the process must stay alive meanwhile. */
    static void waitUntilUp(Process process) throws Exception {
        waitUntilUp(process, 18081);
    }

    /** Waits for the node's readiness on its management port; the process must stay alive meanwhile. */
    static void waitUntilUp(Process process, int managementPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                                + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException starting) {
                // not yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited at start (is port " + managementPort
                        + " or the one before it in use?)");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the node did not start");
    }

    /**
     * A node as a separate process: the executable jar, dev profile, on the given database, ports and log file
     * (under benchmarks/target); further arguments win over these.
     */
    static Process startNode(String url, String user, String password, int port, int managementPort, String log,
                             String... more) throws java.io.IOException {
        Path jar = Path.of("khlang-server/target/khlang-server-exec.jar");
        String executable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(executable, "-jar", jar.toString(),
                "--spring.profiles.active=dev", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--server.port=" + port, "--management.server.port=" + managementPort,
                "--khlang.proofing.dev-provider-port=0", "--khlang.softtoken.push-limit=1000000",
                "--logging.level.root=WARN"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("benchmarks/target", log)
                        .toFile())).start();
    }

    /** Refuses to go on when something already listens on the port: a stale node would answer in our place. */
    static void requireFree(int port) throws java.io.IOException {
        try (java.net.Socket taken = new java.net.Socket("localhost", port)) {
            throw new IllegalStateException("port " + port + " is in use: stop the process there first");
        } catch (java.net.ConnectException free) {
            // as it should be
        }
    }

    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return matcher.group(1);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** One line of a harness's report: what, padded, then the figure. */
    static void print(String what, String format, Object... values) {
        Object[] all = new Object[values.length + 1];
        all[0] = what;
        System.arraycopy(values, 0, all, 1, values.length);
        System.out.printf(Locale.ROOT, "%-60s " + format + "%n", all);
    }
}
