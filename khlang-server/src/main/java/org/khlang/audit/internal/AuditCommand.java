package org.khlang.audit.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.khlang.audit.Checkpoints;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar khlang-server-exec.jar audit verify [--checkpoints FILE] [--key PUBLIC-JWK-FILE]}: re-walks the
 * chain, prints the outcome and exits with 0 when intact, 1 when broken (naming the first broken sequence number),
 * so that cron or a monitor can run it. With {@code --checkpoints}, it also proves that the chain contains the head
 * of every checkpoint in an export kept off the database (R14), and exits with 1 naming the first one it lacks: the
 * check that tells a restore which silently lost events. The checkpoints' signatures are checked with the key of
 * {@code --key} or else the configured checkpoint key; 2 means the command itself could not run.
 */
@Component
@Profile("command")
class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

    private final AuditLog audit;
    private final Checkpoints checkpoints;
    private final CheckpointFileCheck fileCheck;
    private int exitCode;

    AuditCommand(AuditLog audit, Checkpoints checkpoints, CheckpointFileCheck fileCheck) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.fileCheck = fileCheck;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = new ArrayList<>(arguments.getNonOptionArgs());
        if (words.size() < 2 || !words.subList(0, 2).equals(List.of("audit", "verify"))) {
            return;
        }
        List<String> loose = words.subList(2, words.size());
        Optional<String> file = option(arguments, "checkpoints", loose);
        Optional<String> keyFile = option(arguments, "key", loose);
        exitCode = print(audit.verify(), System.out);
        if (file.isPresent()) {
            exitCode = Math.max(exitCode, checkFile(Path.of(file.get()), keyFile, System.out));
        }
    }

    /** {@code --name=value}, or {@code --name value} (which Spring reads as an empty option and a loose word). */
    private static Optional<String> option(ApplicationArguments arguments, String name, List<String> loose) {
        if (!arguments.containsOption(name)) {
            return Optional.empty();
        }
        List<String> values = arguments.getOptionValues(name);
        if (values != null && !values.isEmpty() && !values.getFirst().isBlank()) {
            return Optional.of(values.getFirst());
        }
        return loose.isEmpty() ? Optional.of("") : Optional.of(loose.removeFirst());
    }

    static int print(ChainVerification verification, PrintStream out) {
        return switch (verification) {
            case ChainVerification.Intact intact -> {
                out.printf("audit chain intact: %d events, head %s%n", intact.eventsChecked(), intact.headHash());
                yield 0;
            }
            case ChainVerification.Broken broken -> {
                out.printf("audit chain BROKEN at sequence %d (%s) after %d intact events%n", broken.sequence(),
                        broken.reason(), broken.eventsChecked());
                yield 1;
            }
        };
    }

    private int checkFile(Path file, Optional<String> keyFile, PrintStream out) {
        try {
            Optional<String> keyJson = keyFile.isPresent()
                    ? Optional.of(Files.readString(Path.of(keyFile.get()), StandardCharsets.UTF_8))
                    : checkpoints.publicKey();
            if (keyJson.isEmpty()) {
                out.println("no checkpoint key: give --key with the public JWK that signed the checkpoints");
                return 2;
            }
            ECKey key = ECKey.parse(keyJson.get().strip()).toPublicJWK();
            return printFindings(file, fileCheck.check(file, key), out);
        } catch (IOException | ParseException | IllegalArgumentException unreadable) {
            out.printf("cannot check checkpoints: %s%n", unreadable.getMessage());
            return 2;
        }
    }

    static int printFindings(Path file, List<CheckpointFileCheck.Finding> findings, PrintStream out) {
        int failures = 0;
        for (CheckpointFileCheck.Finding finding : findings) {
            ExportedCheckpoint checkpoint = finding.checkpoint();
            String named = "checkpoint " + checkpoint.sequence() + " (signed " + checkpoint.signedAt() + ", head "
                    + checkpoint.headHash() + ")";
            switch (finding) {
                case CheckpointFileCheck.Finding.Contained contained -> {
                    continue;
                }
                case CheckpointFileCheck.Finding.Missing missing -> out.printf("%s is MISSING: the chain ends at"
                        + " sequence %d, so events up to %d and after were lost%n", named, missing.chainEnd(),
                        checkpoint.sequence());
                case CheckpointFileCheck.Finding.Different different -> out.printf("%s DIFFERS: the chain holds"
                        + " hash %s at that sequence, so it was rewritten or continued from an earlier restore%n",
                        named, different.storedHash());
                case CheckpointFileCheck.Finding.BadSignature bad -> out.printf("checkpoint line with sequence %d"
                        + " has a signature that does NOT verify with the checkpoint key: it proves nothing%n",
                        checkpoint.sequence());
            }
            failures++;
        }
        if (findings.isEmpty()) {
            out.printf("checkpoints: %s holds no checkpoint, so it proves nothing%n", file);
            return 1;
        }
        if (failures == 0) {
            out.printf("checkpoints: all %d in %s are in the chain%n", findings.size(), file);
            return 0;
        }
        out.printf("checkpoints: %d of %d in %s are NOT in the chain%n", failures, findings.size(), file);
        return 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
