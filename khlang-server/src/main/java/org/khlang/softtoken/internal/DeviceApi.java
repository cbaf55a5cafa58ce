package org.khlang.softtoken.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.proofing.Proofings;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.DeviceState;
import org.khlang.softtoken.NotMeReported;
import org.khlang.softtoken.RequestState;
import org.khlang.softtoken.TokenHolder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What authenticators call (design.md 4.1-4.3): activation with a one-time code, then, proven by a fresh device
 * proof on every call, the list of waiting requests and signed decisions on them.
 */
@Service
public class DeviceApi {

    private static final int MAX_NAME = 100;

    private final SoftTokenStore store;
    private final SoftTokenService tokens;
    private final DeviceProofs proofs;
    private final SecretBox secrets;
    private final Proofings proofings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    DeviceApi(SoftTokenStore store, SoftTokenService tokens, DeviceProofs proofs, SecretBox secrets,
              Proofings proofings, AuditLog audit, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.tokens = tokens;
        this.proofs = proofs;
        this.secrets = secrets;
        this.proofings = proofings;
        this.audit = audit;
    }

    /** The device a call comes from, once its proof checks out: signature, method, URL, time, single use. */
    DeviceRecord authenticate(String proof, String method, String url) {
        DeviceProofs.Parsed parsed = proofs.parse(proof, DeviceProofs.PROOF_TYPE, "device.proof");
        if (parsed.keyId() == null) {
            throw DeviceProofs.refuse("device.proof.malformed");
        }
        DeviceRecord device = store.device(parsed.keyId())
                .orElseThrow(() -> DeviceProofs.refuse("device.unknown"));
        proofs.verifySignature(parsed, device.publicKey(), "device.proof");
        proofs.checkProofClaims(parsed, method, url);
        if (device.state() != DeviceState.ACTIVE && device.state() != DeviceState.PENDING) {
            throw DeviceProofs.refuse("device.notActive");
        }
        return device;
    }

    /** Binds a new device to the person whose activation code it presents. */
    @Transactional
    public Map<String, Object> activate(String proof, String url, String code, String deviceName) {
        DeviceProofs.Parsed parsed = proofs.parse(proof, DeviceProofs.PROOF_TYPE, "device.proof");
        if (parsed.embeddedKey() == null) {
            throw DeviceProofs.refuse("device.proof.malformed");
        }
        proofs.verifySignature(parsed, parsed.embeddedKey(), "device.proof");
        proofs.checkProofClaims(parsed, "POST", url);
        String name = deviceName == null || deviceName.isBlank() ? "Soft Token" : deviceName.strip();
        if (name.length() > MAX_NAME) {
            throw new KhlangProblem(ProblemKind.INVALID, "field.tooLong", MAX_NAME);
        }
        Instant now = tokens.now();
        String codeHash = SoftTokenService.sha256(SoftTokenService.normalise(code));
        long accountId = store.claimableActivationCode(codeHash, now)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.UNPROCESSABLE, "softtoken.activation.invalid"));
        if (store.liveDevice(accountId).isPresent()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "softtoken.device.exists");
        }
        String thumbprint = thumbprint(parsed.embeddedKey());
        if (store.thumbprintTaken(thumbprint)) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "softtoken.key.reused");
        }
        byte[] totpSecret = new byte[20];
        random.nextBytes(totpSecret);
        String deviceId = UUID.randomUUID().toString();
        store.insertDevice(deviceId, accountId, name, parsed.embeddedKey(), thumbprint, secrets.seal(totpSecret), now);
        store.useActivationCode(codeHash, deviceId, now);
        proofings.consume(accountId);
        TokenHolder holder = tokens.holder(accountId);
        String requestId = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(tokens.activationTtl());
        String nonce = tokens.nonce();
        store.insertRequest(requestId, accountId, deviceId, "ACTIVATION", nonce, null,
                tokens.display("ยืนยันการผูกอุปกรณ์ " + name, "Confirm binding " + name, holder, Map.of()), now,
                expiresAt);
        audit.append(AuditEntry.of("softtoken.device.bound").by(holder.username(), accountId).device(deviceId)
                .agency(holder.agencyId()).target("account:" + accountId).with("name", name)
                .with("thumbprint", thumbprint).build());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", deviceId);
        answer.put("totpSecret", java.util.Base64.getEncoder().encodeToString(totpSecret));
        answer.put("totpDigits", 6);
        answer.put("totpPeriodSeconds", 30);
        answer.put("firstRequest", view(store.request(requestId).orElseThrow()));
        return answer;
    }

    /**
     * Requests waiting for the calling device; a device still PENDING sees only its activation request. Polled by
     * every open authenticator, so no transaction of its own: the proof's single use is one insert that stands even
     * when the call is refused after it (as it did with the transaction's noRollbackFor), and the two reads need
     * nothing more than each statement's own snapshot. One round trip (COMMIT) less per poll.
     */
    public List<Map<String, Object>> pending(String proof, String url) {
        DeviceRecord device = authenticate(proof, "GET", url);
        return store.pendingFor(device.accountId(), tokens.now()).stream()
                .filter(request -> device.state() == DeviceState.ACTIVE || "ACTIVATION".equals(request.kind()))
                .filter(request -> !"ACTIVATION".equals(request.kind()) || device.id().equals(request.deviceId()))
                .map(this::view).toList();
    }

    /** Verifies and applies a signed decision. Denials and wrong secrets end the request and raise an alert;
     * wrong secrets count towards the account's pause and lock. */
    @Transactional(noRollbackFor = KhlangProblem.class)
    public Map<String, Object> decide(String proof, String url, String requestId, String signature) {
        // The record read to check the proof serves the decision too: read once, within this transaction.
        DeviceRecord device = authenticate(proof, "POST", url);
        DeviceProofs.Parsed parsed = proofs.parse(signature, DeviceProofs.DECISION_TYPE, "decision");
        if (!device.id().equals(parsed.keyId())) {
            throw DeviceProofs.refuse("decision.signature");
        }
        proofs.verifySignature(parsed, device.publicKey(), "decision");
        Map<String, Object> claims = parsed.claims();
        proofs.checkFresh(claims.get("iat"), "decision.stale");
        RequestRecord request = store.lockRequest(requestId)
                .filter(found -> found.accountId() == device.accountId())
                .filter(found -> !"ACTIVATION".equals(found.kind()) || device.id().equals(found.deviceId()))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "request.notFound"));
        if (!requestId.equals(claims.get("rid")) || !request.nonce().equals(claims.get("nonce"))) {
            throw DeviceProofs.refuse("decision.mismatch");
        }
        // design.md 4.4: an approval's signature covers the SHA-256 of exactly the content shown.
        if (request.contentSha256() != null && "APPROVE".equals(claims.get("decision"))
                && !request.contentSha256().equals(claims.get("sha256"))) {
            throw DeviceProofs.refuse("decision.mismatch");
        }
        if (device.state() != DeviceState.ACTIVE && !"ACTIVATION".equals(request.kind())) {
            throw DeviceProofs.refuse("device.notActive");
        }
        if (request.state() != RequestState.PENDING) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "request.notPending");
        }
        Instant now = tokens.now();
        if (request.expiredAt(now)) {
            store.settle(requestId, RequestState.EXPIRED, "EXPIRED", null, now);
            throw new KhlangProblem(ProblemKind.CONFLICT, "request.expired");
        }
        return apply(device, request, claims, signature, now);
    }

    private Map<String, Object> apply(DeviceRecord device, RequestRecord request, Map<String, Object> claims,
                                      String signature, Instant now) {
        Object decision = claims.get("decision");
        boolean notMe = "NOT_ME".equals(decision);
        if (!"APPROVE".equals(decision) && !"DENY".equals(decision) && !notMe
                || notMe && "ACTIVATION".equals(request.kind())) {
            throw DeviceProofs.refuse("decision.mismatch");
        }
        String outcome;
        RequestState state;
        if (notMe) {
            state = RequestState.DENIED;
            outcome = "NOT_ME";
        } else if ("DENY".equals(decision)) {
            state = RequestState.DENIED;
            outcome = "DENIED_BY_PERSON";
        } else if (request.number() != null && !(claims.get("number") instanceof Number number
                && number.intValue() == request.number())) {
            state = RequestState.DENIED;
            outcome = "WRONG_NUMBER";
        } else {
            state = RequestState.APPROVED;
            outcome = "APPROVED";
        }
        store.settle(request.id(), state, outcome, signature, now);
        if (state == RequestState.APPROVED && "ACTIVATION".equals(request.kind())) {
            store.activateDevice(device.id(), now);
        }
        record(device, request, state, outcome);
        // A denial is the person's own answer, not a failed proof; a wrong secret is (NIST SP 800-63B-4 3.2.2).
        if ("WRONG_NUMBER".equals(outcome)) {
            tokens.failedSecret(device.accountId(), device.id(), request.id());
        } else if (state == RequestState.APPROVED && request.number() != null) {
            tokens.provenSignIn(device.accountId());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", state.name());
        if (state != RequestState.APPROVED) {
            answer.put("code", switch (outcome) {
                case "WRONG_NUMBER" -> "request.wrongNumber";
                case "NOT_ME" -> "request.notMe";
                default -> "request.denied";
            });
        }
        if (notMe) {
            TokenHolder holder = tokens.holder(device.accountId());
            Object ip = "LOGIN".equals(request.kind()) ? json.readValue(request.display(), Map.class).get("ip") : null;
            events.publishEvent(new NotMeReported(device.accountId(), holder.username(), holder.agencyId(),
                    request.id(), request.kind(), device.id(), ip == null ? null : ip.toString()));
        }
        return answer;
    }

    private void record(DeviceRecord device, RequestRecord request, RequestState state, String outcome) {
        String action = switch (outcome) {
            case "WRONG_NUMBER" -> "softtoken.alert.wrongNumber";
            case "DENIED_BY_PERSON" -> "softtoken.alert.denied";
            // a security incident: the person says someone else is signing in or approving as them
            case "NOT_ME" -> "softtoken.alert.notMe";
            default -> "ACTIVATION".equals(request.kind()) ? "softtoken.device.activated" : "softtoken.request.approved";
        };
        TokenHolder holder = tokens.holder(device.accountId());
        audit.append(AuditEntry.of(action).by(holder.username(), device.accountId()).device(device.id())
                .agency(holder.agencyId()).target("request:" + request.id()).with("kind", request.kind())
                .with("state", state).build());
    }

    /** The device's own record, for the authenticator's status screen; like {@link #pending}, no transaction. */
    public Map<String, Object> status(String proof, String url) {
        DeviceRecord record = authenticate(proof, "GET", url);
        TokenHolder holder = tokens.holder(record.accountId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", record.id());
        answer.put("name", record.name());
        answer.put("state", record.state().name());
        answer.put("account", holder.username());
        answer.put("holder", holder.nameTh());
        answer.put("activatedAt", record.activatedAt() == null ? null : record.activatedAt().toString());
        return answer;
    }

    private Map<String, Object> view(RequestRecord request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id());
        view.put("kind", request.kind());
        view.put("nonce", request.nonce());
        view.put("numberRequired", request.number() != null);
        view.put("createdAt", request.createdAt().toString());
        view.put("expiresAt", request.expiresAt().toString());
        view.put("display", json.readValue(request.display(), Map.class));
        if (request.contentSha256() != null) {
            view.put("contentSha256", request.contentSha256());
        }
        return view;
    }

    private static String thumbprint(ECKey key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException exception) {
            throw DeviceProofs.refuse("device.proof.malformed");
        }
    }
}
