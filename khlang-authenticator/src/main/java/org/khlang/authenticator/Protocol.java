package org.khlang.authenticator;

/** Names and limits of the Khlang Soft Token protocol, version 1 (docs/softtoken-protocol.md). */
public final class Protocol {

    /** The header that carries a device proof on every device call. */
    public static final String PROOF_HEADER = "Khlang-Device-Proof";
    /** JOSE {@code typ} of a device proof (DPoP-style: method, URL, time, unique id). */
    public static final String PROOF_TYPE = "khlang-device-proof+jwt";
    /** JOSE {@code typ} of a signed decision on a request. */
    public static final String DECISION_TYPE = "khlang-decision+jwt";

    public static final String ACTIVATIONS = "/api/v1/device/activations";
    public static final String REQUESTS = "/api/v1/device/requests";
    public static final String STATUS = "/api/v1/device/status";

    public static final String APPROVE = "APPROVE";
    public static final String DENY = "DENY";
    /** "นี่ไม่ใช่ฉัน / This wasn't me": denies the request and reports it as an attack on the account. */
    public static final String NOT_ME = "NOT_ME";

    private Protocol() {
    }

    /** The decision endpoint of one request. */
    public static String decision(String requestId) {
        return REQUESTS + "/" + requestId + "/decision";
    }
}
