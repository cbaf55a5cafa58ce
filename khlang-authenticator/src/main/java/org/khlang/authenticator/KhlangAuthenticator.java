package org.khlang.authenticator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A Soft Token on one device, speaking protocol v1 to one Khlang server: it activates once with the code the
 * server showed, then lists the requests waiting for it and approves or denies each with a signed decision.
 */
public final class KhlangAuthenticator {

    private static final String KEY_ALIAS = "device";
    private static final String TOTP_ALIAS = "totp";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI server;
    private final String deviceId;
    private final DeviceKey key;
    private final byte[] totpSecret;
    private final HttpClient http;
    private final Clock clock;

    private KhlangAuthenticator(URI server, String deviceId, DeviceKey key, byte[] totpSecret, Clock clock) {
        this.server = server;
        this.deviceId = deviceId;
        this.key = key;
        this.totpSecret = totpSecret.clone();
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.clock = clock;
    }

    /** What activation returns: the new authenticator and the first request, which proves possession. */
    public record Activation(KhlangAuthenticator authenticator, PendingRequest firstRequest) {
    }

    /** The server's answer to a decision. */
    public record Outcome(int httpStatus, String state, String code) {
        public boolean approved() {
            return httpStatus == 200 && "APPROVED".equals(state);
        }
    }

    /** Generates a key, sends the activation code and the public key, and returns the bound authenticator. */
    public static Activation activate(URI server, String activationCode, String deviceName) {
        return activate(server, activationCode, deviceName, Clock.systemUTC());
    }

    public static Activation activate(URI server, String activationCode, String deviceName, Clock clock) {
        DeviceKey key = DeviceKey.generate();
        URI uri = server.resolve(Protocol.ACTIVATIONS);
        String body = JSONObjectUtils.toJSONString(Map.of("code", activationCode, "deviceName", deviceName));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(Protocol.PROOF_HEADER, key.proof(null, "POST", uri.toString(), clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Map<String, Object> answer = send(HttpClient.newHttpClient(), request, 201);
        byte[] secret = Base64.getDecoder().decode((String) answer.get("totpSecret"));
        KhlangAuthenticator authenticator = new KhlangAuthenticator(server, (String) answer.get("deviceId"), key,
                secret, clock);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) answer.get("firstRequest");
        return new Activation(authenticator, toRequest(first));
    }

    /** The same device on another clock (tests of expiry and skew). */
    public KhlangAuthenticator withClock(Clock other) {
        return new KhlangAuthenticator(server, deviceId, key, totpSecret, other);
    }

    /** The same device talking to another node of the same Khlang (as a load balancer would send it). */
    public KhlangAuthenticator withServer(URI other) {
        return new KhlangAuthenticator(other, deviceId, key, totpSecret, clock);
    }

    public String deviceId() {
        return deviceId;
    }

    public URI server() {
        return server;
    }

    /** The requests waiting for this device, newest first. */
    public List<PendingRequest> pending() {
        Map<String, Object> answer = send(http, signed("GET", Protocol.REQUESTS, null), 200);
        List<PendingRequest> requests = new ArrayList<>();
        for (Object item : (List<?>) answer.get("requests")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) item;
            requests.add(toRequest(map));
        }
        return requests;
    }

    /** Approves with the number the browser shows (for a login), signing the decision with the device key. */
    public Outcome approve(PendingRequest request, Integer number) {
        return decide(request, Protocol.APPROVE, number);
    }

    public Outcome deny(PendingRequest request) {
        return decide(request, Protocol.DENY, null);
    }

    /**
     * "This wasn't me": denies the request and reports it. The server records a security incident, requires a new
     * password at the next sign-in, ends the person's sessions and tells the agency head and the Contact Center.
     */
    public Outcome notMe(PendingRequest request) {
        return decide(request, Protocol.NOT_ME, null);
    }

    /** Signs and sends a decision; any answer is returned, refusals included, so callers can show them. */
    public Outcome decide(PendingRequest request, String decision, Integer number) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("rid", request.id());
        claims.put("nonce", request.nonce());
        claims.put("decision", decision);
        claims.put("iat", clock.instant().getEpochSecond());
        if (number != null) {
            claims.put("number", number);
        }
        if (request.contentSha256() != null) {
            claims.put("sha256", request.contentSha256());
        }
        String signature = key.sign(Protocol.DECISION_TYPE, deviceId, claims);
        String body = JSONObjectUtils.toJSONString(Map.of("signature", signature));
        HttpResponse<String> response = exchange(http, signed("POST", Protocol.decision(request.id()), body));
        Map<String, Object> answer = parse(response.body());
        return new Outcome(response.statusCode(), (String) answer.get("state"), (String) answer.get("code"));
    }

    /** The device as the server sees it: state, name, person. */
    public Map<String, Object> status() {
        return send(http, signed("GET", Protocol.STATUS, null), 200);
    }

    /** The offline code (RFC 6238, 6 digits, 30 s) for now. */
    public String offlineCode() {
        return offlineCode(clock.instant());
    }

    public String offlineCode(Instant at) {
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            SecretKey secret = new SecretKeySpec(totpSecret, totp.getAlgorithm());
            return totp.generateOneTimePasswordString(secret, at);
        } catch (java.security.InvalidKeyException exception) {
            throw new IllegalStateException("bad offline-code secret", exception);
        }
    }

    /** A request to a device endpoint with a fresh proof; exposed so tests can send proofs of their own making. */
    public HttpRequest signed(String method, String path, String body) {
        URI uri = server.resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header(Protocol.PROOF_HEADER, key.proof(deviceId, method, uri.toString(), clock.instant()));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The device key, for tests that forge or replay on purpose. */
    public DeviceKey key() {
        return key;
    }

    public HttpClient http() {
        return http;
    }

    /** Saves the device to a folder: the key and offline-code secret in a PKCS#12 file under the PIN. */
    public void save(Path folder, char[] pin) {
        try {
            Files.createDirectories(folder);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, pin);
            key.storeIn(store, KEY_ALIAS, pin);
            store.setEntry(TOTP_ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(totpSecret, "HmacSHA1")),
                    new KeyStore.PasswordProtection(pin));
            try (OutputStream out = Files.newOutputStream(folder.resolve("device.p12"))) {
                store.store(out, pin);
            }
            Properties properties = new Properties();
            properties.setProperty("server", server.toString());
            properties.setProperty("deviceId", deviceId);
            try (OutputStream out = Files.newOutputStream(folder.resolve("device.properties"))) {
                properties.store(out, "Khlang Soft Token device (the key is in device.p12, under the PIN)");
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (java.security.GeneralSecurityException exception) {
            throw new IllegalStateException("cannot save the device", exception);
        }
    }

    /** Opens a saved device with its PIN. */
    public static KhlangAuthenticator load(Path folder, char[] pin) {
        try (InputStream properties = Files.newInputStream(folder.resolve("device.properties"));
             InputStream p12 = Files.newInputStream(folder.resolve("device.p12"))) {
            Properties saved = new Properties();
            saved.load(properties);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(p12, pin);
            } catch (IOException wrongPin) {
                throw new DeviceKey.WrongPinException();
            }
            DeviceKey key = DeviceKey.loadFrom(store, KEY_ALIAS, pin);
            byte[] secret = store.getKey(TOTP_ALIAS, pin).getEncoded();
            return new KhlangAuthenticator(URI.create(saved.getProperty("server")), saved.getProperty("deviceId"), key,
                    secret, Clock.systemUTC());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (java.security.GeneralSecurityException exception) {
            throw new IllegalStateException("cannot open the device", exception);
        }
    }

    private static Map<String, Object> send(HttpClient http, HttpRequest request, int expected) {
        HttpResponse<String> response = exchange(http, request);
        Map<String, Object> answer = parse(response.body());
        if (response.statusCode() != expected) {
            throw new ServerRefusedException(response.statusCode(), (String) answer.get("code"),
                    (String) answer.get("detail"));
        }
        return answer;
    }

    private static HttpResponse<String> exchange(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    private static Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return JSONObjectUtils.parse(body);
        } catch (java.text.ParseException notJson) {
            return Map.of("detail", body);
        }
    }

    @SuppressWarnings("unchecked")
    private static PendingRequest toRequest(Map<String, Object> map) {
        return new PendingRequest((String) map.get("id"), (String) map.get("kind"), (String) map.get("nonce"),
                Boolean.TRUE.equals(map.get("numberRequired")), Instant.parse((String) map.get("expiresAt")),
                (Map<String, Object>) map.getOrDefault("display", Map.of()), (String) map.get("contentSha256"));
    }

    /** The server refused a call; {@code code} is its problem code (e.g. {@code device.proof.replayed}). */
    public static final class ServerRefusedException extends RuntimeException {
        private final int status;
        private final String code;

        ServerRefusedException(int status, String code, String detail) {
            super(status + " " + code + (detail == null ? "" : ": " + detail));
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
