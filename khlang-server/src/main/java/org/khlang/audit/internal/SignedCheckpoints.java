package org.khlang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.Checkpoint;
import org.khlang.audit.Checkpoints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class SignedCheckpoints implements Checkpoints {

    static final String TYPE = "khlang-checkpoint+jwt";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ECKey key;
    private final CheckpointExportFile exportFile;

    SignedCheckpoints(JdbcClient jdbc, AuditLog audit, Clock clock, CheckpointExportFile exportFile,
                      @Value("${khlang.audit.checkpoint-key:}") String encodedKey) {
        this.jdbc = jdbc;
        this.exportFile = exportFile;
        this.audit = audit;
        this.clock = clock;
        this.key = parse(encodedKey);
    }

    private static ECKey parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            ECKey parsed = ECKey.parse(new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8));
            if (!parsed.isPrivate() || parsed.getKeyID() == null) {
                throw new IllegalStateException("khlang.audit.checkpoint-key must be a private EC JWK with a kid");
            }
            return parsed;
        } catch (ParseException | IllegalArgumentException invalid) {
            throw new IllegalStateException("khlang.audit.checkpoint-key is not a base64 EC JWK", invalid);
        }
    }

    @Override
    @Transactional
    public Optional<Checkpoint> create() {
        if (key == null) {
            return Optional.empty();
        }
        Map<String, Object> head = jdbc.sql("select seq, hash from audit_head where id = 1").query().singleRow();
        long seq = ((Number) head.get("seq")).longValue();
        String hash = ((String) head.get("hash")).strip();
        Optional<Checkpoint> latest = latest();
        if (seq == 0 || latest.isPresent() && latest.get().sequence() == seq) {
            return latest;
        }
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "khlang");
        claims.put("seq", seq);
        claims.put("hash", hash);
        claims.put("iat", now.getEpochSecond());
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(new JOSEObjectType(TYPE)).build(), new Payload(claims));
            jws.sign(new ECDSASigner(key));
            jdbc.sql("insert into audit_checkpoint (seq, head_hash, created_at, key_id, jws) values (?, ?, ?, ?, ?)")
                    .params(seq, hash, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC), key.getKeyID(),
                            jws.serialize())
                    .update();
            audit.append(AuditEntry.of("audit.checkpoint.signed").by("system", null).target("audit:" + seq)
                    .with("hash", hash).with("key", key.getKeyID()).build());
            Checkpoint created = latest().filter(checkpoint -> checkpoint.sequence() == seq)
                    .orElseGet(() -> new Checkpoint(seq, hash, now, key.getKeyID(), jws.serialize()));
            exportAfterCommit(created);
            return Optional.of(created);
        } catch (JOSEException failed) {
            throw new IllegalStateException("could not sign the audit checkpoint", failed);
        }
    }

    /** Off the database once it is durable in it: a rolled-back checkpoint is never exported. */
    private void exportAfterCommit(Checkpoint checkpoint) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            exportFile.append(List.of(checkpoint));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                exportFile.append(List.of(checkpoint));
            }
        });
    }

    /** Whether a checkpoint key is configured (public: called through the transactional proxy). */
    public boolean configured() {
        return key != null;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Checkpoint> latest() {
        return list(1).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Checkpoint> list(int limit) {
        return jdbc.sql("select seq, head_hash, created_at, key_id, jws from audit_checkpoint order by seq desc"
                        + " fetch first " + Math.max(1, Math.min(limit, 10_000)) + " rows only")
                .query((rs, row) -> new Checkpoint(rs.getLong("seq"), rs.getString("head_hash").strip(),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"),
                        rs.getString("jws")))
                .list();
    }

    @Override
    public Optional<String> publicKey() {
        return Optional.ofNullable(key).map(ECKey::toPublicJWK).map(ECKey::toJSONString);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean verify(Checkpoint checkpoint) {
        if (key == null) {
            return false;
        }
        try {
            JWSObject jws = JWSObject.parse(checkpoint.jws());
            if (!jws.verify(new ECDSAVerifier(key.toPublicJWK()))) {
                return false;
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (!(claims.get("seq") instanceof Number seq) || seq.longValue() != checkpoint.sequence()
                    || !checkpoint.headHash().equals(claims.get("hash"))) {
                return false;
            }
            return jdbc.sql("select hash from audit_event where seq = ?").param(checkpoint.sequence())
                    .query(String.class).optional().map(String::strip).filter(checkpoint.headHash()::equals)
                    .isPresent();
        } catch (ParseException | JOSEException malformed) {
            return false;
        }
    }
}
