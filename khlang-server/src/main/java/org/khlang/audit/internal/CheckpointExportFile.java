package org.khlang.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.khlang.audit.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The signed checkpoints, kept off the database (R14): one JSON line per checkpoint appended to
 * {@code khlang.audit.checkpoint-export-file}, written and forced to disk after the checkpoint's transaction commits,
 * and caught up at every checkpoint interval with every checkpoint the database holds that the file lacks (those
 * signed by another node, or one whose write failed). The file is only ever appended to: a database restored to an
 * earlier point cannot take lines out of it, which is what lets {@code audit verify --checkpoints FILE} notice the
 * events such a restore lost. The operator points the path at storage that does not share the database's fate, or
 * copies the file off the machine.
 */
@Component
class CheckpointExportFile {

    private static final Logger log = LoggerFactory.getLogger(CheckpointExportFile.class);

    private final Optional<Path> file;

    CheckpointExportFile(@Value("${khlang.audit.checkpoint-export-file:}") String path) {
        this.file = path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path.strip()));
    }

    boolean configured() {
        return file.isPresent();
    }

    /** Appends the checkpoints the file does not hold yet (by sequence and hash); a failure is logged, never thrown. */
    void append(Collection<Checkpoint> checkpoints) {
        if (file.isEmpty() || checkpoints.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Set<String> held = read(path).stream().map(line -> line.sequence() + ":" + line.headHash())
                        .collect(Collectors.toSet());
                StringBuilder lines = new StringBuilder();
                checkpoints.stream().filter(checkpoint -> !held.contains(checkpoint.sequence() + ":"
                        + checkpoint.headHash())).sorted(java.util.Comparator.comparingLong(Checkpoint::sequence))
                        .forEach(checkpoint -> lines.append(line(checkpoint)).append('\n'));
                if (!lines.isEmpty()) {
                    channel.position(channel.size());
                    channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
            }
        } catch (IOException | RuntimeException failed) {
            log.error("Could not export audit checkpoints to {}: {} (they stay in the database and are retried at"
                    + " the next checkpoint interval)", path, failed.toString());
        }
    }

    static String line(Checkpoint checkpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", checkpoint.sequence());
        json.put("hash", checkpoint.headHash());
        json.put("createdAt", checkpoint.createdAt().toString());
        json.put("keyId", checkpoint.keyId());
        json.put("jws", checkpoint.jws());
        return JSONObjectUtils.toJSONString(json);
    }

    /**
     * The checkpoints in an export: this file's JSON lines, or the one JSON document of
     * {@code GET /api/v1/audit/checkpoints/export} ({@code {"publicKey":…,"checkpoints":[…]}}). Only the JWS is
     * kept from each: its signed payload, not the plain fields beside it, says which head it vouches for.
     */
    static List<ExportedCheckpoint> read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            if (text.startsWith("{") && text.contains("\"checkpoints\"") && !text.contains("\n{")) {
                Map<String, Object> document = JSONObjectUtils.parse(text);
                List<Object> entries = JSONObjectUtils.getJSONArray(document, "checkpoints");
                return entries == null ? List.of() : entries.stream().map(entry -> ExportedCheckpoint.of(
                        String.valueOf(((Map<?, ?>) entry).get("jws")))).toList();
            }
            return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .map(CheckpointExportFile::parseLine).map(ExportedCheckpoint::of).toList();
        } catch (java.text.ParseException | ClassCastException malformed) {
            throw new IOException(path + " is not a checkpoint export (JSON lines or the API's JSON document): "
                    + malformed.getMessage(), malformed);
        }
    }

    private static String parseLine(String line) {
        try {
            return JSONObjectUtils.getString(JSONObjectUtils.parse(line), "jws");
        } catch (java.text.ParseException malformed) {
            throw new IllegalArgumentException("not a JSON line: " + line, malformed);
        }
    }
}
