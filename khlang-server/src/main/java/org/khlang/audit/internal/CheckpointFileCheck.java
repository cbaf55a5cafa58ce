package org.khlang.audit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code audit verify --checkpoints FILE} (R14, design.md section 7): proves that the chain in this database contains
 * the head named by every checkpoint exported off it. A database restored from a backup to a point before a
 * checkpoint, or one whose tail was cut and its head row rewritten to match, still walks as an intact chain; only
 * a record kept elsewhere shows that events are missing, and this check names the first checkpoint they belonged to.
 */
@Component
class CheckpointFileCheck {

    private final JdbcClient jdbc;

    CheckpointFileCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the chain holds at one exported checkpoint's sequence number. */
    sealed interface Finding {
        ExportedCheckpoint checkpoint();

        /** The chain holds this head: nothing it vouches for is missing. */
        record Contained(ExportedCheckpoint checkpoint) implements Finding {
        }

        /** The chain ends before this checkpoint: the events up to it (and any after) are not in this database. */
        record Missing(ExportedCheckpoint checkpoint, long chainEnd) implements Finding {
        }

        /** The chain has an event at this sequence with another hash: it was rewritten or forked after a restore. */
        record Different(ExportedCheckpoint checkpoint, String storedHash) implements Finding {
        }

        /** The line's signature does not verify with the checkpoint key: it proves nothing and is refused. */
        record BadSignature(ExportedCheckpoint checkpoint) implements Finding {
        }
    }

    /** The findings for every distinct checkpoint of the file, in sequence order. */
    List<Finding> check(Path file, ECKey publicKey) throws IOException {
        Map<String, ExportedCheckpoint> distinct = new LinkedHashMap<>();
        for (ExportedCheckpoint checkpoint : CheckpointExportFile.read(file)) {
            distinct.putIfAbsent(checkpoint.jws(), checkpoint);
        }
        long chainEnd = jdbc.sql("select seq from audit_head where id = 1").query(Long.class).single();
        List<Finding> findings = new ArrayList<>();
        distinct.values().stream().sorted(Comparator.comparingLong(ExportedCheckpoint::sequence)).forEach(checkpoint ->
                findings.add(find(checkpoint, publicKey, chainEnd)));
        return findings;
    }

    private Finding find(ExportedCheckpoint checkpoint, ECKey publicKey, long chainEnd) {
        if (!checkpoint.signedBy(publicKey)) {
            return new Finding.BadSignature(checkpoint);
        }
        if (checkpoint.sequence() > chainEnd) {
            return new Finding.Missing(checkpoint, chainEnd);
        }
        Optional<String> stored = jdbc.sql("select hash from audit_event where seq = ?").param(checkpoint.sequence())
                .query(String.class).optional().map(String::strip);
        if (stored.isEmpty()) {
            return new Finding.Missing(checkpoint, chainEnd);
        }
        return stored.get().equals(checkpoint.headHash()) ? new Finding.Contained(checkpoint)
                : new Finding.Different(checkpoint, stored.get());
    }
}
