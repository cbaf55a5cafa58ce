package org.khlang.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.Checkpoint;
import org.khlang.audit.Checkpoints;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export file and {@code audit verify --checkpoints FILE}'s findings on the test database: what it accepts and,
 * as carefully, what it refuses (a forged line, a head rewritten at a checkpoint's sequence, a checkpoint beyond the
 * chain, an empty file). PointInTimeRecoveryIntegrationTests runs the whole backup and restore.
 */
@IntegrationTest
@Tag("R14")
class CheckpointFileCheckIntegrationTests {

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    AuditLog audit;

    @Autowired
    CheckpointFileCheck check;

    @Autowired
    JdbcTemplate jdbc;

    /** The test profile's checkpoint key: a genuine signature over a head the chain does not hold. */
    @org.springframework.beans.factory.annotation.Value("${khlang.audit.checkpoint-key}")
    String signingKey;

    @TempDir
    Path directory;

    private Checkpoint checkpointNow() {
        audit.append(AuditEntry.of("test.checkpoint.file").by("tester", null).build());
        return checkpoints.create().orElseThrow();
    }

    private ECKey key() throws Exception {
        return ECKey.parse(checkpoints.publicKey().orElseThrow());
    }

    @Test
    void theExportFileIsAppendedOnceAndTheChainHoldsEveryCheckpointInIt() throws Exception {
        Checkpoint first = checkpointNow();
        Checkpoint second = checkpointNow();
        Path file = directory.resolve("export/checkpoints.jsonl");
        CheckpointExportFile export = new CheckpointExportFile(file.toString());

        export.append(List.of(first));
        export.append(List.of(second, first));
        export.append(List.of(second));

        assertThat(Files.readAllLines(file)).hasSize(2);
        List<CheckpointFileCheck.Finding> findings = check.check(file, key());
        assertThat(findings).hasSize(2).allMatch(CheckpointFileCheck.Finding.Contained.class::isInstance);
        assertThat(print(file, findings)).contains("all 2 in");
    }

    @Test
    void theApisExportDocumentIsReadToo() throws Exception {
        Checkpoint checkpoint = checkpointNow();
        Path file = directory.resolve("khlang-checkpoints.json");
        Files.writeString(file, JSONObjectUtils.toJSONString(Map.of("publicKey", checkpoints.publicKey().orElseThrow(),
                "checkpoints", List.of(Map.of("seq", checkpoint.sequence(), "hash", checkpoint.headHash(),
                        "jws", checkpoint.jws())))));

        assertThat(check.check(file, key())).singleElement().isInstanceOf(CheckpointFileCheck.Finding.Contained.class);
    }

    @Test
    void aLineNotSignedByTheCheckpointKeyIsRefusedWhateverItClaims() throws Exception {
        Checkpoint genuine = checkpointNow();
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID("forger").generate();
        JWSObject forged = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(genuine.keyId())
                .type(new JOSEObjectType(SignedCheckpoints.TYPE)).build(), new Payload(Map.of("iss", "khlang",
                "seq", genuine.sequence(), "hash", genuine.headHash(), "iat", 1)));
        forged.sign(new ECDSASigner(forger));
        Path file = directory.resolve("forged.jsonl");
        Files.writeString(file, "{\"jws\":\"" + forged.serialize() + "\"}\n");

        List<CheckpointFileCheck.Finding> findings = check.check(file, key());

        assertThat(findings).singleElement().isInstanceOf(CheckpointFileCheck.Finding.BadSignature.class);
        assertThat(print(file, findings)).contains("does NOT verify", "1 of 1");
    }

    @Test
    void aCheckpointBeyondTheChainIsMissingAndOneWhoseHeadWasRewrittenDiffers() throws Exception {
        Checkpoint genuine = checkpointNow();
        long end = jdbc.queryForObject("select seq from audit_head where id = 1", Long.class);
        ECKey signer = ECKey.parse(new String(java.util.Base64.getDecoder().decode(signingKey), StandardCharsets.UTF_8));
        String beyond = signed(signer, end + 5, "f".repeat(64));
        String rewritten = signed(signer, genuine.sequence(), "0".repeat(64));
        Path file = directory.resolve("restored.jsonl");
        Files.writeString(file, String.join("\n", "{\"jws\":\"" + genuine.jws() + "\"}", "{\"jws\":\"" + beyond + "\"}",
                "{\"jws\":\"" + rewritten + "\"}") + "\n");

        List<CheckpointFileCheck.Finding> findings = check.check(file, key());

        assertThat(findings).hasSize(3);
        assertThat(findings).filteredOn(CheckpointFileCheck.Finding.Missing.class::isInstance).singleElement()
                .satisfies(missing -> assertThat(missing.checkpoint().sequence()).isEqualTo(end + 5));
        assertThat(findings).filteredOn(CheckpointFileCheck.Finding.Different.class::isInstance).singleElement()
                .satisfies(different -> assertThat(different.checkpoint().sequence()).isEqualTo(genuine.sequence()));
        String printed = print(file, findings);
        assertThat(printed).contains("checkpoint " + (end + 5) + " ", "MISSING", "the chain ends at sequence " + end,
                "DIFFERS", "2 of 3");
        assertThat(AuditCommand.printFindings(file, findings, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(1);
    }

    @Test
    void anEmptyFileProvesNothing() throws Exception {
        Path file = Files.writeString(directory.resolve("empty.jsonl"), "");

        assertThat(check.check(file, key())).isEmpty();
        assertThat(AuditCommand.printFindings(file, List.of(), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(1);
    }

    private static String print(Path file, List<CheckpointFileCheck.Finding> findings) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AuditCommand.printFindings(file, findings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String signed(ECKey key, long sequence, String hash) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(SignedCheckpoints.TYPE)).build(), new Payload(Map.of("iss", "khlang",
                "seq", sequence, "hash", hash, "iat", 1)));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }
}
