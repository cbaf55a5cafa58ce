package org.khlang.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for a test: {@code initdb} in a temporary directory, on a free port, listening on
 * 127.0.0.1 only, with trust authentication for its superuser {@code khlang}, and WAL archived to a directory beside
 * it, so that a test can take a base backup, kill the server and restore to a point in time. It uses the Debian
 * server binaries that {@code scripts/test} installs; as root, every server command runs as {@code postgres}, which
 * owns the directories.
 */
public final class ScratchCluster implements AutoCloseable {

    private static final Path BIN = binaries();

    private final Path root;
    private final Path archive;
    private final List<Path> dataDirectories = new ArrayList<>();

    private ScratchCluster(Path root) {
        this.root = root;
        this.archive = root.resolve("wal-archive");
    }

    /** A new directory for clusters, their WAL archive and their backups; nothing is started yet. */
    public static ScratchCluster create() throws IOException, InterruptedException {
        ScratchCluster cluster = new ScratchCluster(Files.createTempDirectory("khlang-cluster-"));
        Files.createDirectories(cluster.archive);
        cluster.ownByServer(cluster.root);
        return cluster;
    }

    public Path root() {
        return root;
    }

    /** {@code initdb}, WAL archiving on, started on a free port; returns the port. */
    public int initAndStart(String name) throws IOException, InterruptedException, SQLException {
        Path data = root.resolve(name);
        run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "khlang", "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync");
        int port = freePort();
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + root + "'", "wal_level = replica", "archive_mode = on",
                "archive_command = 'test ! -f " + archive + "/%f && cp %p " + archive + "/%f'",
                "max_wal_senders = 4", "shared_buffers = 32MB", ""), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        start(data);
        try (Connection connection = connect(port, "postgres")) {
            connection.createStatement().execute("create database khlang encoding 'UTF8' template template0");
        }
        return port;
    }

    /** {@code pg_basebackup} of the running cluster into {@code name}, plain format, with the WAL it needs. */
    public Path baseBackup(int port, String name) throws IOException, InterruptedException {
        Path target = root.resolve(name);
        run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "khlang",
                "-D", target.toString(), "-X", "stream", "--checkpoint=fast", "--no-sync");
        return target;
    }

    /** Forces the current WAL segment into the archive and waits until it is there. */
    public void archiveCurrentWal(int port) throws SQLException, InterruptedException {
        try (Connection connection = connect(port, "postgres")) {
            var rs = connection.createStatement().executeQuery("select pg_walfile_name(pg_switch_wal())");
            rs.next();
            String segment = rs.getString(1);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!Files.exists(archive.resolve(segment))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("WAL segment " + segment + " was not archived in 30 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** The crash: {@code pg_ctl stop -m immediate}, no shutdown checkpoint. */
    public void kill(String name) throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", root.resolve(name).toString(), "stop", "-m", "immediate");
    }

    /**
     * Restores {@code backup} into a new cluster {@code name} that replays the archived WAL up to the restore point
     * {@code targetName} (or to the end of the archive when null), then promotes; returns its port once it is
     * writable.
     */
    public int restore(Path backup, String name, String targetName) throws Exception {
        Path data = root.resolve(name);
        run("cp", "-a", backup.toString(), data.toString());
        int port = freePort();
        List<String> settings = new ArrayList<>(List.of("", "port = " + port,
                "restore_command = 'cp " + archive + "/%f %p'", "archive_mode = off"));
        if (targetName != null) {
            settings.add("recovery_target_name = '" + targetName + "'");
            settings.add("recovery_target_action = 'promote'");
        }
        Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n", settings) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("recovery.signal"), "");
        ownByServer(data);
        start(data);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection connection = connect(port, "postgres")) {
                var rs = connection.createStatement().executeQuery("select pg_is_in_recovery()");
                rs.next();
                if (!rs.getBoolean(1)) {
                    return port;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the restored cluster " + name + " did not finish recovery in 60 s");
            }
            Thread.sleep(200);
        }
    }

    public static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "khlang", "");
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/khlang";
    }

    private void start(Path data) throws IOException, InterruptedException {
        dataDirectories.add(data);
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolveSibling(data.getFileName()
                + ".log").toString(), "-w", "-t", "60", "start");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Path data : dataDirectories) {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "stop", "-m", "immediate");
            }
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void ownByServer(Path path) throws IOException, InterruptedException {
        if (asRoot()) {
            exec(List.of("chown", "-R", "postgres:postgres", path.toString()));
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        exec(line);
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql"
                            + " (scripts/test installs them)"));
        } catch (IOException missing) {
            throw new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql", missing);
        }
    }
}
