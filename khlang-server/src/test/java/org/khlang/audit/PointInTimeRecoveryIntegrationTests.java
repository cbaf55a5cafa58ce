package org.khlang.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.KhlangApplication;
import org.khlang.support.ScratchCluster;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup and point-in-time recovery procedure of docs/operations.md, run whole against a PostgreSQL cluster the
 * test starts itself: WAL archiving, a base backup, Khlang writing and checkpointing its audit chain (each checkpoint
 * appended to the export file as it commits), the primary killed, then two restores from the backup and the
 * archive. The restore to the end of the archive holds every exported checkpoint; the restore to an earlier named
 * point walks as an intact chain, and only {@code audit verify --checkpoints FILE} shows what it lost, naming the
 * checkpoint.
 */
@Tag("R14")
class PointInTimeRecoveryIntegrationTests {

    @Test
    void aRestoreToAnEarlierPointIsDetectedByTheExportedCheckpointsAndAFullRestoreIsNot() throws Exception {
        try (ScratchCluster cluster = ScratchCluster.create()) {
            Path export = cluster.root().resolve("checkpoints.jsonl");
            int primary = cluster.initAndStart("primary");
            long first;
            long second;
            long third;
            try (ConfigurableApplicationContext khlang = khlang(primary, export)) {
                first = appendAndCheckpoint(khlang, "before-backup");
                Path backup = cluster.baseBackup(primary, "base-backup");
                second = appendAndCheckpoint(khlang, "after-backup");
                try (Connection connection = ScratchCluster.connect(primary, "khlang")) {
                    connection.createStatement().execute("select pg_create_restore_point('khlang-before-loss')");
                }
                third = appendAndCheckpoint(khlang, "after-restore-point");
                cluster.archiveCurrentWal(primary);
                cluster.kill("primary");

                assertThat(Files.readAllLines(export)).hasSize(3);

                int toTheEnd = cluster.restore(backup, "restored-to-end", null);
                Verify full = verify(toTheEnd, export);
                assertThat(full.exitCode()).as(full.output()).isZero();
                assertThat(full.output()).contains("audit chain intact", "all 3 in");

                int toThePoint = cluster.restore(backup, "restored-to-point", "khlang-before-loss");
                try (Connection connection = ScratchCluster.connect(toThePoint, "khlang")) {
                    var rs = connection.createStatement().executeQuery("select seq from audit_head");
                    rs.next();
                    assertThat(rs.getLong(1)).as("the WAL after the base backup was replayed up to the point:"
                            + " the second checkpoint and its own audit event").isEqualTo(second + 1);
                }
                Verify partial = verify(toThePoint, export);
                assertThat(partial.exitCode()).as(partial.output()).isEqualTo(1);
                assertThat(partial.output()).as("the walk alone does not see the loss").contains("audit chain intact");
                assertThat(partial.output()).contains("checkpoint " + third + " ", "MISSING",
                        "the chain ends at sequence " + (second + 1), "1 of 3");
                assertThat(partial.output()).doesNotContain("checkpoint " + first + " ", "checkpoint " + second + " ");
            }
        }
    }

    private static ConfigurableApplicationContext khlang(int port, Path export) {
        return new SpringApplicationBuilder(KhlangApplication.class).web(WebApplicationType.NONE)
                .profiles("test", "command").run(database(port, "--khlang.audit.checkpoint-export-file=" + export));
    }

    /** Ten events and a checkpoint of the head they make; returns its sequence number. */
    private static long appendAndCheckpoint(ConfigurableApplicationContext khlang, String phase) {
        AuditLog audit = khlang.getBean(AuditLog.class);
        for (int i = 0; i < 10; i++) {
            audit.append(AuditEntry.of("test.pitr." + phase).by("tester", null).target("event:" + i).build());
        }
        return khlang.getBean(Checkpoints.class).create().orElseThrow().sequence();
    }

    /** Command-line arguments, which outrank the test profile's database settings. */
    private static String[] database(int port, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--spring.datasource.url="
                + ScratchCluster.jdbcUrl(port), "--spring.datasource.username=khlang", "--spring.datasource.password="));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private record Verify(int exitCode, String output) {
    }

    /** {@code java -jar khlang-server-exec.jar audit verify --checkpoints FILE}, against the restored cluster. */
    private static Verify verify(int port, Path export) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(KhlangApplication.class)
                    .web(WebApplicationType.NONE).profiles("test", "command")
                    .run(database(port, "audit", "verify", "--checkpoints", export.toString()));
            return new Verify(SpringApplication.exit(context), printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
