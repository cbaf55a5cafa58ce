package org.khlang.softtoken;

/**
 * The person answered a sign-in or approval request on their phone with "นี่ไม่ใช่ฉัน / This wasn't me" (issue 20):
 * someone else holds their password or is acting as them. Published in the transaction that denied the request;
 * identity requires a new password and ends the person's sessions, support tells the head and the Contact Center.
 *
 * @param kind       LOGIN or APPROVAL
 * @param ip         for a sign-in, the address the browser came from; else null
 */
public record NotMeReported(long accountId, String username, Long agencyId, String requestId, String kind,
                            String deviceId, String ip) {
}
