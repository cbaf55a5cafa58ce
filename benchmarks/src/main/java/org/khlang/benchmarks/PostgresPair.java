package org.khlang.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two PostgreSQL clusters of the Debian server binaries on this machine, for the failover harness: a primary and a
 * hot standby made from it with {@code pg_basebackup -R}, streaming, synchronous ({@code synchronous_standby_names}
 * naming the standby, set once it streams) or asynchronous. Superuser {@code khlang}, trust authentication, 127.0.0.1
 * only. As root, the server commands run as {@code postgres}, which owns the directory.
 */
final class PostgresPair implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path root;
    private final int primaryPort;
    private final int standbyPort;
    private final boolean synchronous;

    PostgresPair(Path root, int primaryPort, int standbyPort, boolean synchronous) {
        this.root = root;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
        this.synchronous = synchronous;
    }

    int primaryPort() {
        return primaryPort;
    }

    int standbyPort() {
        return standbyPort;
    }

    Path root() {
        return root;
    }

    /** The URL both nodes use: either host, whichever is the writable primary. */
    String multiHostUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/khlang"
                + "?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=2&loginTimeout=4"
                + "&socketTimeout=60&tcpKeepAlive=true";
    }

    /** initdb and start the primary, create the database, make and start the standby, wait until it streams. */
    void start() throws Exception {
        exec(List.of("rm", "-rf", root.toString()));
        Files.createDirectories(root);
        ownByServer();
        run(BIN.resolve("initdb").toString(), "-D", data("primary"), "-U", "khlang", "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync");
        append("primary", "postgresql.conf", "port = " + primaryPort, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + root + "'", "wal_level = replica", "max_wal_senders = 4",
                "hot_standby = on", "max_connections = 200", "shared_buffers = 256MB");
        startCluster("primary");
        sql(primaryPort, "postgres", "create database khlang encoding 'UTF8' template template0");
        run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                "-U", "khlang", "-D", data("standby"), "-R", "-X", "stream", "--checkpoint=fast");
        append("standby", "postgresql.auto.conf", "port = " + standbyPort, "cluster_name = 'standby'");
        startCluster("standby");
        waitUntilStreaming("async");
        if (synchronous) {
            sql(primaryPort, "postgres", "alter system set synchronous_standby_names = 'standby'");
            sql(primaryPort, "postgres", "select pg_reload_conf()");
            waitUntilStreaming("sync");
        }
    }

    private void waitUntilStreaming(String want) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Connection connection = connect(primaryPort, "postgres");
                 ResultSet rows = connection.createStatement().executeQuery("select state, sync_state from"
                         + " pg_stat_replication where application_name = 'standby'")) {
                if (rows.next() && "streaming".equals(rows.getString(1))
                        && want.equals(rows.getString(2))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the standby does not stream (" + want + ") after 30 s");
    }

    /**
     * A network partition between the two: the standby's WAL receiver is stopped (its {@code primary_conninfo}
     * emptied) and the primary sees no standby; with asynchronous replication the primary carries on alone.
     */
    void cutReplication() throws Exception {
        sql(standbyPort, "postgres", "alter system set primary_conninfo = ''");
        sql(standbyPort, "postgres", "select pg_reload_conf()");
        for (int i = 0; i < 300; i++) {
            try (Connection connection = connect(primaryPort, "postgres");
                 ResultSet rows = connection.createStatement().executeQuery("select count(*) from pg_stat_replication")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the standby still streams 30 s after the cut");
    }

    /** SIGKILL to the primary's postmaster and every process of it at once: the server is gone, as if its host died. */
    void killPrimary() throws Exception {
        String pid = Files.readAllLines(root.resolve("primary/postmaster.pid")).getFirst().strip();
        Process children = new ProcessBuilder("pgrep", "-P", pid).start();
        List<String> kill = new ArrayList<>(List.of("kill", "-9", pid));
        kill.addAll(new String(children.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        children.waitFor();
        exec(kill);
    }

    /** {@code pg_ctl promote}, waiting until the standby accepts writes. */
    void promoteStandby() throws Exception {
        run(BIN.resolve("pg_ctl").toString(), "-D", data("standby"), "promote", "-w", "-t", "60");
    }

    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?connectTimeout=2", "khlang", "");
    }

    static long single(int port, String sql) throws SQLException {
        try (Connection connection = connect(port, "khlang"); ResultSet rows = connection.createStatement()
                .executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sql(int port, String database, String sql) throws SQLException {
        try (Connection connection = connect(port, database)) {
            connection.createStatement().execute(sql);
        }
    }

    private String data(String name) {
        return root.resolve(name).toString();
    }

    private void append(String name, String file, String... lines) throws IOException {
        Files.writeString(root.resolve(name).resolve(file), "\n" + String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void startCluster(String name) throws Exception {
        run(BIN.resolve("pg_ctl").toString(), "-D", data(name), "-l", root.resolve(name + ".log").toString(), "-w",
                "-t", "60", "start");
    }

    @Override
    public void close() throws Exception {
        for (String name : List.of("primary", "standby")) {
            if (Files.exists(root.resolve(name).resolve("postmaster.pid"))) {
                try {
                    run(BIN.resolve("pg_ctl").toString(), "-D", data(name), "stop", "-m", "immediate");
                } catch (IllegalStateException alreadyGone) {
                    // killed by the harness
                }
            }
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void ownByServer() throws Exception {
        if (asRoot()) {
            exec(List.of("chown", "-R", "postgres:postgres", root.toString()));
        }
    }

    private void run(String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        exec(line);
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
