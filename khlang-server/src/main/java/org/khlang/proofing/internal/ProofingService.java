package org.khlang.proofing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.proofing.AssuranceLevel;
import org.khlang.proofing.ProofingProperties;
import org.khlang.proofing.ProofingResult;
import org.khlang.proofing.ProofingSubjects;
import org.khlang.proofing.Proofings;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;
import org.khlang.shared.KhlangProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProofingService implements Proofings {

    /** What a verified ID token says, as far as proofing cares. */
    record Claims(String issuer, String subject, String citizenId, String level, String tokenValue) {
    }

    /** The outcome of checking an ID token against the person signed in to Khlang. */
    enum Outcome { PROVEN, WRONG_CITIZEN_ID, LEVEL_TOO_LOW, MISSING_CLAIMS, REPLAYED }

    private final JdbcClient jdbc;
    private final ProofingSubjects subjects;
    private final AuditLog audit;
    private final Clock clock;
    private final ProofingProperties properties;

    ProofingService(JdbcClient jdbc, ProofingSubjects subjects, AuditLog audit, Clock clock,
                    ProofingProperties properties) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** R7: the ID token must name the account's citizen ID at the required level, and never have been used. */
    @Transactional
    Outcome accept(Actor person, Claims claims) {
        Outcome outcome = check(person, claims);
        AuditEntry.Builder entry = AuditEntry.of(outcome == Outcome.PROVEN ? "proofing.proven" : "proofing.refused")
                .by(person.username(), person.accountId()).target("account:" + person.accountId())
                .with("provider", claims.issuer()).with("level", claims.level()).with("outcome", outcome);
        if (outcome == Outcome.PROVEN) {
            try {
                jdbc.sql("""
                                insert into proofing_result (account_id, provider, subject, level, proofed_at,
                                                             token_sha256)
                                values (?, ?, ?, ?, ?, ?)""")
                        .params(person.accountId(), claims.issuer(), claims.subject(), claims.level(),
                                OffsetDateTime.now(clock), sha256(claims.tokenValue()))
                        .update();
            } catch (DuplicateKeyException replayed) {
                audit.appendRefusal(AuditEntry.of("proofing.refused").by(person.username(), person.accountId())
                        .target("account:" + person.accountId()).with("outcome", Outcome.REPLAYED).build());
                return Outcome.REPLAYED;
            }
        }
        audit.append(entry.build());
        return outcome;
    }

    private Outcome check(Actor person, Claims claims) {
        if (claims.citizenId() == null || claims.level() == null || claims.subject() == null) {
            return Outcome.MISSING_CLAIMS;
        }
        if (jdbc.sql("select count(*) from proofing_result where token_sha256 = ?").param(sha256(claims.tokenValue()))
                .query(Long.class).single() > 0) {
            return Outcome.REPLAYED;
        }
        Optional<CitizenId> onRecord = subjects.citizenIdOf(person.accountId());
        String presented = claims.citizenId().replace("-", "").strip();
        if (onRecord.isEmpty() || !MessageDigest.isEqual(onRecord.get().value().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.WRONG_CITIZEN_ID;
        }
        try {
            if (!AssuranceLevel.parse(claims.level()).atLeast(AssuranceLevel.parse(properties.minimumLevel()))) {
                return Outcome.LEVEL_TOO_LOW;
            }
        } catch (KhlangProblem unknownLevel) {
            return Outcome.LEVEL_TOO_LOW;
        }
        return Outcome.PROVEN;
    }

    /** The provider refused, or its answer did not verify (bad signature, nonce, state; a replayed callback). */
    @Transactional
    void failed(Actor person, String reason) {
        audit.append(AuditEntry.of("proofing.failed").by(person.username(), person.accountId())
                .target("account:" + person.accountId()).with("reason", reason).build());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProofingResult> usableFor(long accountId) {
        Instant since = clock.instant().minus(properties.validFor());
        return jdbc.sql("""
                        select provider, subject, level, proofed_at from proofing_result
                        where account_id = ? and consumed_at is null and proofed_at > ?
                        order by proofed_at desc fetch first 1 rows only""")
                .params(accountId, since.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new ProofingResult(accountId, rs.getString(1), rs.getString(2),
                        AssuranceLevel.parse(rs.getString(3)), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    @Transactional
    public void consume(long accountId) {
        jdbc.sql("update proofing_result set consumed_at = ? where account_id = ? and consumed_at is null")
                .params(OffsetDateTime.now(clock), accountId).update();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
