package org.khlang.softtoken.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.khlang.softtoken.DeviceState;
import org.khlang.softtoken.PushHold;
import org.khlang.softtoken.RequestState;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The softtoken_device, activation_code and approval_request tables. */
@Repository
class SoftTokenStore {

    private static final String DEVICE_COLUMNS = "id, account_id, name, state, public_jwk, totp_secret, last_totp_step,"
            + " created_at, activated_at, suspended_at";
    private static final String REQUEST_COLUMNS = "id, account_id, device_id, kind, nonce, number_to_match, display,"
            + " state, outcome, attempts, created_at, expires_at, content_sha256";

    private static final RowMapper<DeviceRecord> DEVICE = SoftTokenStore::device;
    private static final RowMapper<RequestRecord> REQUEST = SoftTokenStore::request;

    private final JdbcClient jdbc;

    SoftTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Devices

    /** When the person's last device was suspended, if ever. */
    Optional<Instant> lastSuspension(long accountId) {
        return jdbc.sql("select max(suspended_at) from softtoken_device where account_id = ?").param(accountId)
                .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class)).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().map(java.time.OffsetDateTime::toInstant);
    }

    Optional<DeviceRecord> device(String id) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from softtoken_device where id = ?").param(id).query(DEVICE)
                .optional();
    }

    /** The person's device that is PENDING or ACTIVE, if any (there is at most one). */
    Optional<DeviceRecord> liveDevice(long accountId) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from softtoken_device where account_id = ?"
                        + " and state in ('PENDING', 'ACTIVE') order by created_at desc")
                .param(accountId).query(DEVICE).list().stream().findFirst();
    }

    void insertDevice(String id, long accountId, String name, ECKey key, String thumbprint, String sealedSecret,
                      Instant now) {
        jdbc.sql("""
                        insert into softtoken_device (id, account_id, name, public_jwk, jwk_thumbprint, state,
                                                      totp_secret, created_at)
                        values (?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, accountId, name, key.toJSONString(), thumbprint, sealedSecret, at(now)).update();
    }

    boolean thumbprintTaken(String thumbprint) {
        return jdbc.sql("select count(*) from softtoken_device where jwk_thumbprint = ?").param(thumbprint)
                .query(Long.class).single() > 0;
    }

    void activateDevice(String id, Instant now) {
        jdbc.sql("update softtoken_device set state = 'ACTIVE', activated_at = ? where id = ? and state = 'PENDING'")
                .params(at(now), id).update();
    }

    int suspendDevices(long accountId, String reason, Instant now) {
        return jdbc.sql("""
                        update softtoken_device set state = 'SUSPENDED', suspended_at = ?, suspension_reason = ?
                        where account_id = ? and state in ('PENDING', 'ACTIVE')""")
                .params(at(now), reason, accountId).update();
    }

    /** Records an accepted offline code's time step; false when that step (or a later one) was used already. */
    boolean advanceTotpStep(String deviceId, long step) {
        return jdbc.sql("update softtoken_device set last_totp_step = ? where id = ? and last_totp_step < ?")
                .params(step, deviceId, step).update() == 1;
    }

    // Activation codes

    void replaceActivationCode(long accountId, String codeHash, Instant now, Instant expiresAt) {
        jdbc.sql("delete from activation_code where account_id = ? and used_at is null").param(accountId).update();
        jdbc.sql("insert into activation_code (code_sha256, account_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(codeHash, accountId, at(now), at(expiresAt)).update();
    }

    /** The unused, unexpired code's account, locking the code row. */
    Optional<Long> claimableActivationCode(String codeHash, Instant now) {
        return jdbc.sql("select account_id from activation_code where code_sha256 = ? and used_at is null"
                        + " and expires_at > ? for update")
                .params(codeHash, at(now)).query(Long.class).optional();
    }

    void useActivationCode(String codeHash, String deviceId, Instant now) {
        jdbc.sql("update activation_code set used_at = ?, device_id = ? where code_sha256 = ?")
                .params(at(now), deviceId, codeHash).update();
    }

    // Requests

    void insertRequest(String id, long accountId, String deviceId, String kind, String nonce, Integer number,
                       String display, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        insert into approval_request (id, account_id, device_id, kind, nonce, number_to_match, display,
                                                      state, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, accountId, deviceId, kind, nonce, number, display, at(now), at(expiresAt)).update();
    }

    Optional<RequestRecord> request(String id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from approval_request where id = ?").param(id).query(REQUEST)
                .optional();
    }

    Optional<RequestRecord> lockRequest(String id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from approval_request where id = ? for update").param(id)
                .query(REQUEST).optional();
    }

    List<RequestRecord> pendingFor(long accountId, Instant now) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from approval_request where account_id = ? and state = 'PENDING'"
                        + " and expires_at > ? order by created_at desc fetch first 20 rows only")
                .params(accountId, at(now)).query(REQUEST).list();
    }

    /** Moves a request out of PENDING; false when it was no longer pending (a replay, a race). */
    boolean settle(String id, RequestState state, String outcome, String signedDecision, Instant now) {
        return jdbc.sql("""
                        update approval_request set state = ?, outcome = ?, signed_decision = ?, decided_at = ?
                        where id = ? and state = 'PENDING'""")
                .params(state.name(), outcome, signedDecision, at(now), id).update() == 1;
    }

    /** Marks an approved APPROVAL used and returns its signed decision; empty when not approved or used already. */
    Optional<String> consumeApproval(String id, long accountId, String contentSha256) {
        Optional<String> signed = jdbc.sql("select signed_decision from approval_request where id = ? and account_id = ?"
                        + " and kind = 'APPROVAL' and state = 'APPROVED' and content_sha256 = ?"
                        // an approval signed by a phone suspended since is worth nothing (R12)
                        + " and exists (select 1 from softtoken_device d where d.id = approval_request.device_id"
                        + " and d.state = 'ACTIVE') for update")
                .params(id, accountId, contentSha256).query(String.class).optional();
        if (signed.isEmpty() || jdbc.sql("update approval_request set state = 'CONSUMED' where id = ?"
                + " and state = 'APPROVED'").param(id).update() != 1) {
            return Optional.empty();
        }
        return signed;
    }

    void setContentHash(String id, String contentSha256) {
        jdbc.sql("update approval_request set content_sha256 = ? where id = ?").params(contentSha256, id).update();
    }

    boolean consume(String id, long accountId) {
        return jdbc.sql("update approval_request set state = 'CONSUMED' where id = ? and account_id = ?"
                        + " and kind = 'LOGIN' and state = 'APPROVED'")
                .params(id, accountId).update() == 1;
    }

    int cancelPending(long accountId, String kind, String outcome, Instant now) {
        return jdbc.sql("""
                        update approval_request set state = 'CANCELLED', outcome = ?, decided_at = ?
                        where account_id = ? and state = 'PENDING' and (cast(? as varchar(12)) is null or kind = ?)""")
                .params(outcome, at(now), accountId, kind, kind).update();
    }

    int countAttempt(String id) {
        jdbc.sql("update approval_request set attempts = attempts + 1 where id = ?").param(id).update();
        return jdbc.sql("select attempts from approval_request where id = ?").param(id).query(Integer.class).single();
    }

    /**
     * The push limit: if the person has had {@code limit} or more login requests since {@code since}, the time of
     * the limit-th newest (one place in the window frees up once it is older than the window); empty below the
     * limit. Reads one row at most, however many requests there are.
     */
    Optional<Instant> loginLimitReached(long accountId, Instant since, int limit) {
        return jdbc.sql("select created_at from approval_request where account_id = ? and kind = 'LOGIN'"
                        + " and created_at > ? order by created_at desc offset ? rows fetch first 1 rows only")
                .params(accountId, at(since), Math.max(limit - 1, 0))
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    // ---------------------------------------------------------------- wrong secrets in a row (push_failure)

    /** Counts one more wrong secret for the account and returns the run's length; locks the row to the end. */
    int addFailure(long accountId, Instant now) {
        jdbc.sql("insert into push_failure (account_id, consecutive) values (?, 0) on conflict do nothing")
                .param(accountId).update();
        jdbc.sql("update push_failure set consecutive = consecutive + 1, last_failure_at = ? where account_id = ?")
                .params(at(now), accountId).update();
        return jdbc.sql("select consecutive from push_failure where account_id = ?").param(accountId)
                .query(Integer.class).single();
    }

    void pausePushes(long accountId, Instant until) {
        jdbc.sql("update push_failure set paused_until = ? where account_id = ?").params(at(until), accountId)
                .update();
    }

    void lockPushes(long accountId, Instant now) {
        jdbc.sql("update push_failure set locked_at = ? where account_id = ? and locked_at is null")
                .params(at(now), accountId).update();
    }

    /** A proven sign-in ends the run (a lock stays until someone unlocks it); one statement, no row when none. */
    void clearFailures(long accountId) {
        jdbc.sql("update push_failure set consecutive = 0, paused_until = null where account_id = ?"
                        + " and locked_at is null and (consecutive > 0 or paused_until is not null)")
                .param(accountId).update();
    }

    /** Ends a pause or a lock and the run; true if there was something to end. */
    boolean unlockPushes(long accountId, long unlockedBy, Instant now) {
        return jdbc.sql("""
                        update push_failure set consecutive = 0, paused_until = null, locked_at = null,
                               unlocked_at = ?, unlocked_by = ?
                        where account_id = ?
                          and (consecutive > 0 or paused_until is not null or locked_at is not null)""")
                .params(at(now), unlockedBy, accountId).update() > 0;
    }

    private static final String HOLD = """
            select f.account_id, a.username, f.consecutive, f.paused_until, f.locked_at
            from push_failure f join user_account a on a.id = f.account_id""";

    Optional<PushHold> pushHold(long accountId) {
        return jdbc.sql(HOLD + " where f.account_id = ?").param(accountId).query(SoftTokenStore::hold).optional();
    }

    /** Accounts whose pushes are locked or paused now, locked first, then the newest; at most {@code limit}. */
    List<PushHold> heldPushes(Instant now, int limit) {
        return jdbc.sql(HOLD + " where f.locked_at is not null or f.paused_until > ?"
                        + " order by case when f.locked_at is null then 1 else 0 end, f.last_failure_at desc"
                        + " fetch first ? rows only")
                .params(at(now), limit).query(SoftTokenStore::hold).list();
    }

    private static PushHold hold(ResultSet rs, int row) throws SQLException {
        return new PushHold(rs.getLong("account_id"), rs.getString("username"), rs.getInt("consecutive"),
                instant(rs, "paused_until"), instant(rs, "locked_at"));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static DeviceRecord device(ResultSet rs, int row) throws SQLException {
        try {
            return new DeviceRecord(rs.getString("id"), rs.getLong("account_id"), rs.getString("name"),
                    DeviceState.valueOf(rs.getString("state")), ECKey.parse(rs.getString("public_jwk")),
                    rs.getString("totp_secret"), rs.getLong("last_totp_step"), instant(rs, "created_at"),
                    instant(rs, "activated_at"), instant(rs, "suspended_at"));
        } catch (ParseException corrupt) {
            throw new SQLException("unreadable public key of device " + rs.getString("id"), corrupt);
        }
    }

    private static RequestRecord request(ResultSet rs, int row) throws SQLException {
        int number = rs.getInt("number_to_match");
        Integer toMatch = rs.wasNull() ? null : number;
        return new RequestRecord(rs.getString("id"), rs.getLong("account_id"), rs.getString("device_id"),
                rs.getString("kind"), rs.getString("nonce"), toMatch, rs.getString("display"),
                RequestState.valueOf(rs.getString("state")), rs.getString("outcome"), rs.getInt("attempts"),
                instant(rs, "created_at"), instant(rs, "expires_at"), rs.getString("content_sha256"));
    }
}
