package org.khlang.softtoken.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.proofing.Proofings;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.ActivationCode;
import org.khlang.softtoken.ApprovalRequest;
import org.khlang.softtoken.BrowserInfo;
import org.khlang.softtoken.Device;
import org.khlang.softtoken.DeviceState;
import org.khlang.softtoken.DeviceSuspended;
import org.khlang.softtoken.LoginStart;
import org.khlang.softtoken.PushFailurePolicy;
import org.khlang.softtoken.PushHold;
import org.khlang.softtoken.PushesHeld;
import org.khlang.softtoken.RegistrationWindow;
import org.khlang.softtoken.RegistrationWindows;
import org.khlang.softtoken.RequestState;
import org.khlang.softtoken.SoftTokenProperties;
import org.khlang.softtoken.SoftTokens;
import org.khlang.softtoken.TokenHolder;
import org.khlang.softtoken.TokenHolders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class SoftTokenService implements SoftTokens {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int MAX_OFFLINE_ATTEMPTS = 3;

    private final SoftTokenStore store;
    private final TokenHolders holders;
    private final Proofings proofings;
    private final RegistrationWindows windows;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SoftTokenProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    private final List<org.khlang.softtoken.ReplacementPolicy> replacementPolicies;

    SoftTokenService(SoftTokenStore store, TokenHolders holders, Proofings proofings, RegistrationWindows windows,
                     SecretBox secrets, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                     SoftTokenProperties properties,
                     List<org.khlang.softtoken.ReplacementPolicy> replacementPolicies) {
        this.replacementPolicies = List.copyOf(replacementPolicies);
        this.store = store;
        this.holders = holders;
        this.proofings = proofings;
        this.windows = windows;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    // One statement: no transaction of its own (one round trip less on every sign-in); it joins a caller's.
    @Override
    public Optional<Device> activeDevice(long accountId) {
        return store.liveDevice(accountId).filter(device -> device.state() == DeviceState.ACTIVE)
                .map(DeviceRecord::toDevice);
    }

    @Override
    @Transactional
    public ActivationCode issueActivationCode(long accountId, Actor actor) {
        TokenHolder holder = holder(accountId);
        RegistrationWindow window = windows.forAgency(holder.agencyId());
        if (!window.open()) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "softtoken.window.closed", window.opens(), window.closes());
        }
        if (store.liveDevice(accountId).filter(device -> device.state() == DeviceState.ACTIVE).isPresent()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "softtoken.device.exists");
        }
        Optional<org.khlang.proofing.ProofingResult> proofing = proofings.usableFor(accountId);
        if (proofing.isEmpty()) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "softtoken.proofing.required");
        }
        // R12: after a phone was suspended, only a proofing made since then binds a new one, and only once the
        // registrar approved the replacement.
        Optional<Instant> suspended = store.lastSuspension(accountId);
        if (suspended.isPresent() && !proofing.get().proofedAt().isAfter(suspended.get())) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "softtoken.proofing.afterLoss");
        }
        for (org.khlang.softtoken.ReplacementPolicy policy : replacementPolicies) {
            Optional<String> refusal = policy.refusal(accountId);
            if (refusal.isPresent()) {
                throw new KhlangProblem(ProblemKind.FORBIDDEN, refusal.get());
            }
        }
        Instant now = now();
        String code = newActivationCode();
        Instant expiresAt = now.plus(properties.activationTtl());
        store.replaceActivationCode(accountId, sha256(normalise(code)), now, expiresAt);
        audit.append(AuditEntry.of("softtoken.activation.issued").by(actor.username(), actor.accountId())
                .agency(holder.agencyId()).target("account:" + accountId).with("expiresAt", expiresAt).build());
        return new ActivationCode(code, expiresAt);
    }

    @Override
    @Transactional
    public LoginStart startLogin(TokenHolder holder, BrowserInfo browser) {
        long accountId = holder.accountId();
        Optional<DeviceRecord> device = store.liveDevice(accountId).filter(d -> d.state() == DeviceState.ACTIVE);
        if (device.isEmpty()) {
            return new LoginStart.NoDevice();
        }
        Instant now = now();
        Optional<PushHold> hold = store.pushHold(accountId);
        if (hold.isPresent() && (hold.get().locked() || hold.get().pausedAt(now))) {
            audit.append(AuditEntry.of("softtoken.login.pushHeld").by("system", null)
                    .target("account:" + accountId).with("failures", hold.get().consecutiveFailures())
                    .with("locked", hold.get().locked()).build());
            return hold.get().locked() ? new LoginStart.Locked() : new LoginStart.Paused(hold.get().pausedUntil());
        }
        Optional<Instant> limitReached = store.loginLimitReached(accountId, now.minus(properties.pushWindow()),
                properties.pushLimit());
        if (limitReached.isPresent()) {
            audit.append(AuditEntry.of("softtoken.login.pushLimited").by("system", null)
                    .target("account:" + accountId).with("limit", properties.pushLimit())
                    .with("window", properties.pushWindow().toString()).build());
            return new LoginStart.TooManyRequests(limitReached.get().plus(properties.pushWindow()));
        }
        store.cancelPending(accountId, "LOGIN", "SUPERSEDED", now);
        int number = random.nextInt(LoginStart.Started.SECRETS); // uniform over 000000-999999, no modulo bias
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(properties.loginTtl());
        store.insertRequest(id, accountId, device.get().id(), "LOGIN", nonce(), number,
                display("เข้าสู่ระบบคลัง", "Sign in to Khlang", holder, Map.of("ip", browser.ipAddress(),
                        "browser", browser.userAgent(), "time", now.toString())), now, expiresAt);
        audit.append(AuditEntry.of("softtoken.login.requested").by(holder.username(), accountId)
                .device(device.get().id()).agency(holder.agencyId()).target("request:" + id)
                .with("ip", browser.ipAddress()).build());
        return new LoginStart.Started(id, number, expiresAt);
    }

    // One statement, polled by the waiting page: no transaction of its own.
    @Override
    public RequestState loginState(String requestId, long accountId) {
        RequestRecord request = store.request(requestId).filter(found -> found.accountId() == accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "request.notFound"));
        // An expired request is reported as such; the row is settled by the next decision on it, if any comes.
        return request.state() == RequestState.PENDING && request.expiredAt(now()) ? RequestState.EXPIRED
                : request.state();
    }

    @Override
    @Transactional
    public boolean consumeLogin(String requestId, long accountId) {
        // identity.login.succeeded records the completed sign-in, naming the factors.
        return store.consume(requestId, accountId);
    }

    @Override
    @Transactional
    public boolean acceptOfflineCode(long accountId, String code, String pendingRequestId) {
        RequestRecord request = store.lockRequest(pendingRequestId)
                .filter(found -> found.accountId() == accountId && found.state() == RequestState.PENDING)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "request.notPending"));
        DeviceRecord device = store.liveDevice(accountId).filter(d -> d.state() == DeviceState.ACTIVE)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "device.notActive"));
        if (!properties.offlineCodes() || request.expiredAt(now())) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "request.expired");
        }
        long step = matchingStep(device, code == null ? "" : code.strip());
        if (step > 0 && store.advanceTotpStep(device.id(), step)) {
            store.settle(request.id(), RequestState.APPROVED, "OFFLINE_CODE", null, now());
            store.clearFailures(accountId);
            audit.append(AuditEntry.of("softtoken.login.offlineCode").by("system", null).device(device.id())
                    .target("request:" + request.id()).with("account", accountId).build());
            return true;
        }
        failedSecret(accountId, device.id(), request.id());
        int attempts = store.countAttempt(request.id());
        audit.append(AuditEntry.of("softtoken.login.offlineCodeRefused").by("system", null).device(device.id())
                .target("request:" + request.id()).with("account", accountId).with("attempt", attempts)
                .with("reused", step > 0).build());
        if (attempts >= MAX_OFFLINE_ATTEMPTS) {
            store.settle(request.id(), RequestState.DENIED, "OFFLINE_CODE_ATTEMPTS", null, now());
        }
        return false;
    }

    /**
     * One more wrong secret (a wrong number from the phone, a wrong offline code) in the account's run: at every
     * tenth new pushes pause, at the hundredth they lock ({@link PushFailurePolicy}). Runs in the caller's
     * transaction, which keeps the count even when the request is refused.
     */
    void failedSecret(long accountId, String deviceId, String requestId) {
        Instant now = now();
        int consecutive = store.addFailure(accountId, now);
        PushFailurePolicy.Consequence consequence = properties.pushFailures().after(consecutive, now);
        Instant pausedUntil = switch (consequence) {
            case PushFailurePolicy.Consequence.None none -> null;
            case PushFailurePolicy.Consequence.Pause pause -> {
                store.pausePushes(accountId, pause.until());
                yield pause.until();
            }
            case PushFailurePolicy.Consequence.Lock lock -> {
                store.lockPushes(accountId, now);
                yield null;
            }
        };
        if (consequence instanceof PushFailurePolicy.Consequence.None) {
            return;
        }
        TokenHolder holder = holder(accountId);
        audit.append(AuditEntry.of(pausedUntil == null ? "softtoken.push.locked" : "softtoken.push.paused")
                .by("system", null).device(deviceId).agency(holder.agencyId()).target("account:" + accountId)
                .with("failures", consecutive).with("request", requestId)
                .with("pausedUntil", pausedUntil).build());
        events.publishEvent(new PushesHeld(accountId, holder.username(), consecutive, pausedUntil));
    }

    /** A sign-in the phone or an offline code proved ends the run of wrong secrets. */
    void provenSignIn(long accountId) {
        store.clearFailures(accountId);
    }

    @Override
    public Optional<PushHold> pushHold(long accountId) {
        return store.pushHold(accountId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PushHold> heldPushes() {
        return store.heldPushes(now(), 200);
    }

    @Override
    @Transactional
    public boolean unlockPushes(long accountId, String reason, Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new KhlangProblem(ProblemKind.INVALID, "softtoken.unlock.reasonRequired");
        }
        Optional<PushHold> before = store.pushHold(accountId);
        if (!store.unlockPushes(accountId, actor.accountId(), now())) {
            return false;
        }
        TokenHolder holder = holder(accountId);
        audit.append(AuditEntry.of("softtoken.push.unlocked").by(actor.username(), actor.accountId())
                .agency(holder.agencyId()).target("account:" + accountId).with("reason", reason.strip())
                .with("failures", before.map(PushHold::consecutiveFailures).orElse(0))
                .with("wasLocked", before.map(PushHold::locked).orElse(false)).build());
        return true;
    }

    /** The 30-second step whose code matches, within one step either side; 0 when none does. */
    private long matchingStep(DeviceRecord device, String code) {
        if (!code.matches("[0-9]{6}")) {
            return 0;
        }
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            SecretKeySpec key = new SecretKeySpec(secrets.open(device.sealedSecret()), totp.getAlgorithm());
            long period = totp.getTimeStep().toSeconds();
            Instant now = now();
            for (int offset = -1; offset <= 1; offset++) {
                Instant at = now.plusSeconds(offset * period);
                String expected = totp.generateOneTimePasswordString(key, at);
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    return at.getEpochSecond() / period;
                }
            }
            return 0;
        } catch (java.security.InvalidKeyException exception) {
            throw new IllegalStateException("bad offline-code secret of device " + device.id(), exception);
        }
    }

    @Override
    @Transactional
    public ApprovalRequest requestApproval(long accountId, String titleTh, String titleEn, Map<String, String> display,
                                           String contentSha256) {
        DeviceRecord device = store.liveDevice(accountId).filter(d -> d.state() == DeviceState.ACTIVE)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "softtoken.device.required"));
        if (contentSha256 == null || !contentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("contentSha256 must be 64 lower-case hex digits");
        }
        TokenHolder holder = holder(accountId);
        Instant now = now();
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(properties.approvalTtl());
        java.util.Map<String, String> shown = new java.util.HashMap<>(display);
        shown.put("sha256", contentSha256);
        store.insertRequest(id, accountId, device.id(), "APPROVAL", nonce(), null,
                display(titleTh, titleEn, holder, shown), now, expiresAt);
        store.setContentHash(id, contentSha256);
        audit.append(AuditEntry.of("softtoken.approval.requested").by(holder.username(), accountId)
                .device(device.id()).agency(holder.agencyId()).target("request:" + id).with("sha256", contentSha256)
                .with("what", titleEn).build());
        return new ApprovalRequest(id, contentSha256, expiresAt);
    }

    @Override
    @Transactional(readOnly = true)
    public RequestState approvalState(String requestId, long accountId) {
        return loginState(requestId, accountId);
    }

    @Override
    @Transactional
    public Optional<String> consumeApproval(String requestId, long accountId, String contentSha256) {
        return store.consumeApproval(requestId, accountId, contentSha256);
    }

    @Override
    @Transactional
    public Optional<Device> suspend(long accountId, String reason, Actor actor) {
        Optional<DeviceRecord> device = store.liveDevice(accountId);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        store.suspendDevices(accountId, reason, now);
        int cancelled = store.cancelPending(accountId, null, "DEVICE_SUSPENDED", now);
        TokenHolder holder = holder(accountId);
        audit.append(AuditEntry.of("softtoken.device.suspended").by(actor.username(), actor.accountId())
                .device(device.get().id()).agency(holder.agencyId()).target("account:" + accountId)
                .with("reason", reason).with("requestsCancelled", cancelled).build());
        events.publishEvent(new DeviceSuspended(device.get().id(), accountId, holder.username()));
        return store.device(device.get().id()).map(DeviceRecord::toDevice);
    }

    TokenHolder holder(long accountId) {
        return holders.holder(accountId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
    }

    String display(String titleTh, String titleEn, TokenHolder holder, Map<String, String> more) {
        java.util.TreeMap<String, String> display = new java.util.TreeMap<>(more);
        display.put("th", titleTh);
        display.put("en", titleEn);
        display.put("account", holder.username());
        display.put("name", holder.nameTh());
        return json.writeValueAsString(display);
    }

    String nonce() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    Duration activationTtl() {
        return properties.activationTtl();
    }

    private String newActivationCode() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** How an activation code is compared: upper case, without dashes and spaces. */
    static String normalise(String code) {
        return code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
