package org.khlang.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive as an operator receives it: unpacked, its parts where the systemd unit expects them, the unit
 * hardened, and the server started from it (production mode, no profile) against PostgreSQL until it is ready and
 * serves the Thai sign-in page; then {@code bin/khlang audit verify} on the same database, and the command-line
 * authenticator's usage. The database is {@code khlang_release} ({@code KHLANG_RELEASE_DB_URL}), emptied first;
 * {@code scripts/test} creates it.
 */
class ReleaseArchiveIT {

    private static final String URL = System.getenv().getOrDefault("KHLANG_RELEASE_DB_URL",
            "jdbc:postgresql://localhost:5432/khlang_release");
    private static final String USER = System.getenv().getOrDefault("KHLANG_RELEASE_DB_USER", "khlang");
    private static final String PASSWORD = System.getenv().getOrDefault("KHLANG_RELEASE_DB_PASSWORD", "khlang");

    @TempDir
    Path unpacked;

    @Test
    void theArchiveUnpacksAndStartsKhlangAgainstPostgresql() throws Exception {
        Path archive = Path.of(System.getProperty("khlang.archive"));
        assertThat(archive).exists();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        Path home;
        try (var top = Files.list(unpacked)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.getFileName().toString()).startsWith("khlang-");

        // What is in it.
        assertThat(home.resolve("lib/khlang-server.jar")).isRegularFile();
        assertThat(home.resolve("lib/khlang-authenticator.jar")).isRegularFile();
        assertThat(home.resolve("bin/khlang")).isExecutable();
        assertThat(home.resolve("bin/khlang-authenticator")).isExecutable();
        assertThat(home.resolve("khlang.env.example")).content().contains("KHLANG_DB_URL=", "KHLANG_SOFTTOKEN_SECRETKEY=",
                "KHLANG_AUDIT_CHECKPOINT_KEY=", "KHLANG_MANAGEMENT_PORT=");
        assertThat(home.resolve("systemd/khlang.service")).content().contains("NoNewPrivileges=yes",
                "ProtectSystem=strict", "User=khlang", "CapabilityBoundingSet=\n", "ExecStart=/opt/khlang/bin/khlang");
        assertThat(home.resolve("PRODUCTION-CHECKLIST.md")).content().contains("TLS in front",
                "management port stays internal", "Secrets", "Backups", "Checkpoint export");
        assertThat(home.resolve("doc/docs/operations.md")).isRegularFile();
        // The env example holds no secret: every secret's line is empty.
        assertThat(Files.readAllLines(home.resolve("khlang.env.example"))).filteredOn(line ->
                line.startsWith("KHLANG_SOFTTOKEN_SECRETKEY=") || line.startsWith("KHLANG_AUDIT_CHECKPOINT_KEY=")
                        || line.startsWith("KHLANG_PROOFING_CLIENT_SECRET=")).allMatch(line -> line.endsWith("="));

        emptyDatabase();
        int port = freePort();
        int management = freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = Map.of("KHLANG_DB_URL", URL, "KHLANG_DB_USER", USER,
                "KHLANG_DB_PASSWORD", PASSWORD, "KHLANG_PORT", Integer.toString(port),
                "KHLANG_MANAGEMENT_PORT", Integer.toString(management), "KHLANG_SOFTTOKEN_SECRETKEY",
                Base64.getEncoder().encodeToString(key), "KHLANG_SECURE_COOKIES", "false",
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "KHLANG_JAVA_OPTS", "-Xmx512m");
        Path log = unpacked.resolve("server.log");
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/khlang").toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().putAll(environment);
        Process server = start.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            waitUntilReady(http, server, management, log);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/login")).header("Accept-Language", "th").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("คลัง", "lang=\"th\"");
            // The server refuses what is not its own: the management endpoints are not on the public port.
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isNotEqualTo(200);

            ProcessBuilder verify = new ProcessBuilder(home.resolve("bin/khlang").toString(), "audit", "verify")
                    .redirectErrorStream(true);
            verify.environment().putAll(environment);
            Process verifying = verify.start();
            String said = new String(verifying.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifying.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(verifying.exitValue()).as(said).isZero();
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }

        Process cli = new ProcessBuilder(home.resolve("bin/khlang-authenticator").toString()).redirectErrorStream(true)
                .start();
        String usage = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isEqualTo(2);
        assertThat(usage).contains("usage: khlang-authenticator");
    }

    private static void waitUntilReady(HttpClient http, Process server, int management, Path log) throws Exception {
        URI ready = URI.create("http://localhost:" + management + "/actuator/health/readiness");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server ended (" + server.exitValue() + "):\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server was not ready within 3 minutes:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void emptyDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists public cascade");
            statement.execute("create schema public");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
