package org.khlang.identity.internal;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.webauthn4j.util.exception.WebAuthnException;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.PersonPasskeys.Passkey;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.ApprovalRequest;
import org.khlang.softtoken.SoftTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (WebAuthn) as the phishing-resistant authenticator of AAL2 (NIST SP 800-63B-4 §2.2, §3.1.7). The
 * ceremonies are Spring Security's own ({@link Webauthn4JRelyingPartyOperations}, with webauthn4j verifying the
 * attestation and every assertion: origin, relying party, challenge, signature, counter, user verification). Khlang
 * adds what is its own: a passkey belongs to one account, is confirmed on the person's phone before it counts
 * (PENDING until then), can be suspended, and at sign-in must be the signing-in person's own.
 */
@Service
public class Passkeys implements org.khlang.identity.PersonPasskeys {

    /** How long a ceremony's options wait for the browser. */
    static final Duration CEREMONY = Duration.ofMinutes(3);
    private static final int MAX_LABEL = 100;
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.ES256,
            PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    private final JdbcClient jdbc;
    private final JdbcPublicKeyCredentialUserEntityRepository userEntities;
    private final JdbcUserCredentialRepository credentials;
    private final SoftTokens softTokens;
    private final AuditLog audit;
    private final Clock clock;
    private final Environment environment;
    private final String rpId;
    private final List<String> configuredOrigins;
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();
    private final PasskeyPolicy policy;
    private final Rights rights;
    private volatile Webauthn4JRelyingPartyOperations operations;

    Passkeys(JdbcClient jdbc, JdbcTemplate template, SoftTokens softTokens, AuditLog audit, Clock clock,
             Environment environment, PasskeyPolicy policy, Rights rights, @Value("${khlang.passkeys.rp-id:localhost}") String rpId,
             @Value("${khlang.passkeys.allowed-origins:}") List<String> configuredOrigins) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.rights = rights;
        this.userEntities = new JdbcPublicKeyCredentialUserEntityRepository(template);
        this.credentials = new JdbcUserCredentialRepository(template);
        this.softTokens = softTokens;
        this.audit = audit;
        this.clock = clock;
        this.environment = environment;
        this.rpId = rpId;
        this.configuredOrigins = configuredOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }

    /** What a registration ceremony needs to be finished on any node: kept in the session. */
    public record Ceremony(byte[] challenge, PublicKeyCredentialUserEntity user, Instant expiresAt)
            implements Serializable {
    }

    /** A registration waiting for the phone: kept in the session. */
    public record Confirmation(String credentialId, String requestId, String contentSha256, String label)
            implements Serializable {
    }

    // ---------------------------------------------------------------- registration

    /** The options for navigator.credentials.create(), as JSON, and the ceremony to keep in the session. */
    public Map.Entry<String, Ceremony> registrationOptions(KhlangUser user) {
        requireActiveSoftToken(user);
        PublicKeyCredentialCreationOptions options = operations().createPublicKeyCredentialCreationOptions(
                new ImmutablePublicKeyCredentialCreationOptionsRequest(
                        UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of())));
        return Map.entry(json.writeValueAsString(options), new Ceremony(options.getChallenge().getBytes(),
                options.getUser(), clock.instant().plus(CEREMONY)));
    }

    /**
     * Verifies the browser's new credential (Spring Security / webauthn4j), stores it PENDING and asks the person's
     * phone to confirm it: the phone shows the passkey's name and signs over it.
     */
    @Transactional
    public Confirmation register(KhlangUser user, Ceremony ceremony, String credentialJson, String label) {
        requireActiveSoftToken(user);
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() || name.length() > MAX_LABEL) {
            throw new KhlangProblem(ProblemKind.INVALID, "passkey.label");
        }
        if (ceremony == null || ceremony.expiresAt().isBefore(clock.instant())
                || !ceremony.user().getName().equals(user.username())) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "passkey.ceremony");
        }
        PublicKeyCredential<AuthenticatorAttestationResponse> credential;
        try {
            credential = json.readValue(credentialJson, new TypeReference<>() { });
        } catch (RuntimeException unreadable) {
            throw new KhlangProblem(ProblemKind.INVALID, "passkey.unreadable");
        }
        CredentialRecord record;
        try {
            record = operations().registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                    creationOptions(ceremony), new RelyingPartyPublicKey(credential, name)));
        } catch (AuthenticationException | WebAuthnException | JacksonException | IllegalArgumentException
                 | IllegalStateException refused) {
            audit.append(AuditEntry.of("identity.passkey.refused").by(user.username(), user.accountId())
                    .agency(user.agencyId()).target("account:" + user.accountId()).with("step", "registration")
                    .with("reason", refused.getClass().getSimpleName()).build());
            throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "passkey.refused");
        }
        String credentialId = record.getCredentialId().toBase64UrlString();
        String content = sha256("khlang-passkey-v1|" + user.accountId() + "|" + credentialId + "|" + name);
        ApprovalRequest request = softTokens.requestApproval(user.accountId(), "ลงทะเบียน passkey \"" + name + "\"",
                "Register passkey \"" + name + "\"", Map.of("passkey", name, "detail_th",
                        "ลงทะเบียน passkey ชื่อ \"" + name + "\" สำหรับเข้าสู่ระบบคลัง\nหากไม่ใช่ท่าน ให้กดปฏิเสธ"),
                content);
        jdbc.sql("""
                        insert into passkey (credential_id, account_id, label, state, request_id, content_sha256,
                                             created_at)
                        values (?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(credentialId, user.accountId(), name, request.id(), content, now()).update();
        audit.append(AuditEntry.of("identity.passkey.registered").by(user.username(), user.accountId())
                .agency(user.agencyId()).target("account:" + user.accountId()).with("credential", credentialId)
                .with("label", name).with("request", request.id()).build());
        return new Confirmation(credentialId, request.id(), content, name);
    }

    /** What the phone's approval of a new passkey led to. */
    public enum Activation {
        /** The passkey counts from now on. */
        ACTIVE,
        /** Confirmed on the phone; it counts once the serving registrar approves it (a lost passkey of staff). */
        AWAITING_REGISTRAR,
        /** The phone has not approved it (yet), or not for this passkey. */
        NOT_CONFIRMED
    }

    /**
     * Once the phone approved: the passkey counts from now on, unless it replaces the lost only passkey of staff who
     * must use one ({@link #lossOpen}); then it waits for the serving registrar ({@link #approve}).
     */
    @Transactional
    public Activation activate(KhlangUser user, Confirmation confirmation) {
        if (softTokens.consumeApproval(confirmation.requestId(), user.accountId(), confirmation.contentSha256())
                .isEmpty()) {
            return Activation.NOT_CONFIRMED;
        }
        boolean awaiting = lossOpen(user.accountId());
        int changed = jdbc.sql(awaiting
                        ? "update passkey set confirmed_at = ? where credential_id = ? and account_id = ?"
                          + " and state = 'PENDING'"
                        : "update passkey set state = 'ACTIVE', confirmed_at = ?, activated_at = confirmed_at"
                          + " where credential_id = ? and account_id = ? and state = 'PENDING'")
                .params(now(), confirmation.credentialId(), user.accountId()).update();
        if (changed != 1) {
            return Activation.NOT_CONFIRMED;
        }
        audit.append(AuditEntry.of(awaiting ? "identity.passkey.confirmed" : "identity.passkey.activated")
                .by(user.username(), user.accountId()).agency(user.agencyId()).target("account:" + user.accountId())
                .with("credential", confirmation.credentialId()).with("label", confirmation.label())
                .with("awaiting", awaiting ? "registrar" : "nothing").build());
        return awaiting ? Activation.AWAITING_REGISTRAR : Activation.ACTIVE;
    }

    /**
     * Whether the person lost the only passkey a right of theirs requires: until a registrar approves a new one they
     * sign in with the phone alone (password and Soft Token, still AAL2), and a new passkey waits for the registrar.
     */
    @Override
    public boolean lossOpen(long accountId) {
        return jdbc.sql("select count(*) from passkey_loss where account_id = ?").param(accountId)
                .query(Integer.class).single() > 0;
    }

    /** A new passkey, confirmed on the phone, that replaces a lost one and waits for a registrar. */
    public record Awaiting(long accountId, String username, String nameTh, Long agencyId, String credentialId,
                           String label, Instant lostAt, Instant confirmedAt) {
    }

    /** Every passkey waiting for a registrar, oldest first; at most {@code limit}. */
    public List<Awaiting> awaitingApproval(int limit) {
        return jdbc.sql("""
                        select a.id, a.username, p.title_th || p.first_name_th || ' ' || p.last_name_th as name_th,
                               p.agency_id, k.credential_id, k.label, l.lost_at, k.confirmed_at
                        from passkey_loss l
                        join passkey k on k.account_id = l.account_id and k.state = 'PENDING'
                                      and k.confirmed_at is not null
                        join user_account a on a.id = l.account_id
                        join person p on p.id = a.person_id
                        order by k.confirmed_at, k.credential_id
                        fetch first ? rows only""")
                .param(limit)
                .query((rs, row) -> new Awaiting(rs.getLong("id"), rs.getString("username"), rs.getString("name_th"),
                        rs.getObject("agency_id", Long.class), rs.getString("credential_id"),
                        rs.getString("label"), rs.getObject("lost_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("confirmed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * The serving registrar, having checked the person, approves the new passkey that replaces a lost one; from the
     * next sign-in it is required again. Never the person's own registrar work on themselves.
     */
    @Transactional
    public void approve(long accountId, String credentialId, String reason, org.khlang.shared.Actor registrar) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "passkey.approveReasonRequired");
        }
        if (registrar.accountId() != null && registrar.accountId() == accountId) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "passkey.approveOwn");
        }
        int changed = jdbc.sql("update passkey set state = 'ACTIVE', activated_at = ?, approved_by = ?"
                        + " where credential_id = ? and account_id = ? and state = 'PENDING'"
                        + " and confirmed_at is not null")
                .params(now(), registrar.accountId(), credentialId, accountId).update();
        if (changed != 1) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "passkey.nothingToApprove");
        }
        jdbc.sql("delete from passkey_loss where account_id = ?").param(accountId).update();
        audit.append(AuditEntry.of("identity.passkey.approved").by(registrar.username(), registrar.accountId())
                .target("account:" + accountId).with("credential", credentialId).with("reason", reason.strip())
                .build());
    }

    /**
     * Suspends a passkey at once (lost, stolen, or the computer handed on), by its owner or by the Contact Center; a
     * suspended passkey signs nobody in again. With no active passkey left, the person signs in with the phone; when
     * a right of theirs requires one (the policy), a new passkey then needs the serving registrar's approval.
     */
    @Override
    @Transactional
    public boolean suspend(long accountId, String credentialId, String reason, org.khlang.shared.Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "passkey.reasonRequired");
        }
        int changed = jdbc.sql("update passkey set state = 'SUSPENDED', suspended_at = ? where credential_id = ?"
                        + " and account_id = ? and state <> 'SUSPENDED'")
                .params(now(), credentialId, accountId).update();
        if (changed == 1) {
            boolean lost = !hasActive(accountId) && requiredByRights(accountId);
            if (lost) {
                jdbc.sql("delete from passkey_loss where account_id = ?").param(accountId).update();
                jdbc.sql("insert into passkey_loss (account_id, credential_id, lost_at, reported_by)"
                                + " values (?, ?, ?, ?)")
                        .params(accountId, credentialId, now(), actor.accountId()).update();
            }
            audit.append(AuditEntry.of("identity.passkey.suspended").by(actor.username(), actor.accountId())
                    .target("account:" + accountId).with("credential", credentialId).with("reason", reason.strip())
                    .with("replacement", lost ? "registrar" : "self").build());
        }
        return changed == 1;
    }

    public org.khlang.softtoken.RequestState confirmationState(KhlangUser user, Confirmation confirmation) {
        return softTokens.approvalState(confirmation.requestId(), user.accountId());
    }

    @Override
    public List<Passkey> of(long accountId) {
        return jdbc.sql("select credential_id, label, case when state = 'PENDING' and confirmed_at is not null"
                        + " then 'AWAITING_REGISTRAR' else state end as state, created_at, last_used_at from passkey"
                        + " where account_id = ? order by created_at")
                .param(accountId)
                .query((rs, row) -> new Passkey(rs.getString("credential_id"), rs.getString("label"),
                        rs.getString("state"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null)))
                .list();
    }

    /** Whether the person holds an active passkey: then every sign-in of theirs goes through it. */
    @Override
    public boolean hasActive(long accountId) {
        return jdbc.sql("select count(*) from passkey where account_id = ? and state = 'ACTIVE'").param(accountId)
                .query(Integer.class).single() > 0;
    }

    private boolean requiredByRights(long accountId) {
        return rights.effectiveOn(accountId, java.time.LocalDate.now(clock)).stream().map(RightGrant::right)
                .anyMatch(policy::requiredFor);
    }

    @Override
    public boolean requiredFor(org.khlang.authority.Right right) {
        return policy.requiredFor(right);
    }

    // ---------------------------------------------------------------- sign-in

    /** The options for navigator.credentials.get(): only the person's own credentials, user verification required. */
    public PublicKeyCredentialRequestOptions signInOptions(KhlangUser user) {
        return operations().createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(
                UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of())));
    }

    public String toJson(PublicKeyCredentialRequestOptions options) {
        return json.writeValueAsString(options);
    }

    /**
     * Verifies an assertion (Spring Security / webauthn4j) and that it is a passkey of this very person, active.
     * Refusals are audited and say nothing about whose passkey it was.
     */
    @Transactional(noRollbackFor = KhlangProblem.class)
    public void verifySignIn(KhlangUser user, PublicKeyCredentialRequestOptions options, String assertionJson) {
        if (options == null) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "passkey.ceremony");
        }
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion;
        try {
            assertion = json.readValue(assertionJson, new TypeReference<>() { });
        } catch (RuntimeException unreadable) {
            throw new KhlangProblem(ProblemKind.INVALID, "passkey.unreadable");
        }
        String credentialId = assertion.getRawId() == null ? "" : assertion.getRawId().toBase64UrlString();
        String reason;
        try {
            PublicKeyCredentialUserEntity owner = operations().authenticate(
                    new RelyingPartyAuthenticationRequest(options, assertion));
            Integer own = jdbc.sql("select count(*) from passkey where credential_id = ? and account_id = ?"
                            + " and state = 'ACTIVE'").params(credentialId, user.accountId())
                    .query(Integer.class).single();
            if (owner.getName().equals(user.username()) && own == 1) {
                jdbc.sql("update passkey set last_used_at = ? where credential_id = ?").params(now(), credentialId)
                        .update();
                audit.append(AuditEntry.of("identity.passkey.used").by(user.username(), user.accountId())
                        .agency(user.agencyId()).target("account:" + user.accountId())
                        .with("credential", credentialId).build());
                return;
            }
            reason = owner.getName().equals(user.username()) ? "notActive" : "anotherPerson";
        } catch (AuthenticationException | WebAuthnException | JacksonException | IllegalArgumentException
                 | IllegalStateException refused) {
            // webauthn4j's own refusals (a credential not offered, a wrong origin, signature or challenge) included
            reason = refused.getClass().getSimpleName();
        }
        audit.append(AuditEntry.of("identity.passkey.refused").by(user.username(), user.accountId())
                .agency(user.agencyId()).target("account:" + user.accountId()).with("step", "signIn")
                .with("credential", credentialId).with("reason", reason).build());
        throw new KhlangProblem(ProblemKind.UNPROCESSABLE, "passkey.refused");
    }

    // ---------------------------------------------------------------- plumbing

    private void requireActiveSoftToken(KhlangUser user) {
        // A passkey is registered with the phone's confirmation: without an active phone there is none to ask.
        if (softTokens.activeDevice(user.accountId()).isEmpty()) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "passkey.softTokenFirst");
        }
    }

    private PublicKeyCredentialCreationOptions creationOptions(Ceremony ceremony) {
        return PublicKeyCredentialCreationOptions.builder().rp(rp()).user(ceremony.user())
                .challenge(new Bytes(ceremony.challenge())).pubKeyCredParams(ALGORITHMS).timeout(CEREMONY)
                .authenticatorSelection(selection()).build();
    }

    private static AuthenticatorSelectionCriteria selection() {
        return AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.PREFERRED)
                .userVerification(UserVerificationRequirement.REQUIRED).build();
    }

    private PublicKeyCredentialRpEntity rp() {
        return PublicKeyCredentialRpEntity.builder().id(rpId).name("คลัง Khlang").build();
    }

    /**
     * Built on first use: the allowed origins default to this server's own address on localhost, whose port is known
     * only once the server listens (development and tests); production names them ({@code khlang.passkeys.*}).
     */
    Webauthn4JRelyingPartyOperations operations() {
        Webauthn4JRelyingPartyOperations built = operations;
        if (built == null) {
            synchronized (this) {
                if (operations == null) {
                    Set<String> origins = configuredOrigins.isEmpty()
                            ? Set.of("http://localhost:" + environment.getProperty("local.server.port",
                                    environment.getProperty("server.port", "8080")))
                            : Set.copyOf(configuredOrigins);
                    Webauthn4JRelyingPartyOperations created = new Webauthn4JRelyingPartyOperations(userEntities,
                            credentials, rp(), origins);
                    created.setCustomizeCreationOptions(builder -> builder.pubKeyCredParams(ALGORITHMS)
                            .timeout(CEREMONY).authenticatorSelection(selection()));
                    created.setCustomizeRequestOptions(builder -> builder.timeout(CEREMONY)
                            .userVerification(UserVerificationRequirement.REQUIRED));
                    operations = created;
                }
                built = operations;
            }
        }
        return built;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
