package org.khlang.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.khlang.identity.Account;
import org.khlang.identity.AccountState;
import org.khlang.identity.NewPerson;
import org.khlang.identity.Person;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.Username;
import org.khlang.shared.CitizenId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The person, user_account and password_history tables. */
@Repository
public class AccountStore {

    static final String PERSON_ACCOUNT = """
            select p.id as p_id, p.citizen_id, p.title_th, p.first_name_th, p.last_name_th, p.first_name_en,
                   p.last_name_en, p.email, p.mobile, p.agency_id,
                   a.id as a_id, a.username, a.state, a.must_change_password, a.password_changed_at, a.issued_at,
                   a.last_login_at, a.legacy_credential
            from person p join user_account a on a.person_id = p.id""";

    static final RowMapper<PersonAccount> ROW = AccountStore::map;

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a login needs: the account and its hash. */
    public record Secret(long accountId, String username, AccountState state, String passwordHash,
                         Instant issuedAt, boolean mustChangePassword) {
    }

    public Optional<Secret> secret(String username) {
        return jdbc.sql("select id, username, state, password_hash, issued_at, must_change_password"
                        + " from user_account where username = ?")
                .param(username)
                .query((rs, row) -> new Secret(rs.getLong(1), rs.getString(2), AccountState.valueOf(rs.getString(3)),
                        rs.getString(4), instant(rs, 5), rs.getBoolean(6)))
                .optional();
    }

    public Optional<String> passwordHash(long accountId) {
        return jdbc.sql("select password_hash from user_account where id = ?").param(accountId)
                .query(String.class).optional();
    }

    public Optional<PersonAccount> byAccountId(long accountId) {
        return jdbc.sql(PERSON_ACCOUNT + " where a.id = ?").param(accountId).query(ROW).optional();
    }

    public Optional<PersonAccount> byCitizenId(CitizenId citizenId) {
        return jdbc.sql(PERSON_ACCOUNT + " where p.citizen_id = ?").param(citizenId.value()).query(ROW).optional();
    }

    public boolean citizenIdExists(CitizenId citizenId) {
        return jdbc.sql("select count(*) from person where citizen_id = ?").param(citizenId.value())
                .query(Long.class).single() > 0;
    }

    public boolean usernameExists(String username) {
        return jdbc.sql("select count(*) from user_account where username = ?").param(username)
                .query(Long.class).single() > 0;
    }

    public long insertPerson(NewPerson person, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into person (citizen_id, title_th, first_name_th, last_name_th, first_name_en,
                                            last_name_en, email, mobile, agency_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person.citizenId().value(), person.titleTh(), person.firstNameTh(), person.lastNameTh(),
                        person.firstNameEn(), person.lastNameEn(), person.email(), person.mobile(), person.agencyId(),
                        now)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public long insertAccount(long personId, Username username, String passwordHash, Long issuedBy,
                              String legacyCredential, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into user_account (person_id, username, password_hash, password_changed_at,
                                                  must_change_password, state, issued_by, issued_at, legacy_credential)
                        values (?, ?, ?, ?, true, 'ISSUED', ?, ?, ?)""")
                .params(personId, username.value(), passwordHash, now, issuedBy, now, legacyCredential)
                .update(keys, "id");
        long accountId = keys.getKeyAs(Long.class);
        addHistory(accountId, passwordHash, now);
        return accountId;
    }

    public void addHistory(long accountId, String passwordHash, OffsetDateTime now) {
        jdbc.sql("insert into password_history (account_id, password_hash, set_at) values (?, ?, ?)")
                .params(accountId, passwordHash, now).update();
    }

    /** The newest {@code count} password hashes of the account, the current one included. */
    public List<String> recentHashes(long accountId, int count) {
        return jdbc.sql("select password_hash from password_history where account_id = ?"
                        + " order by set_at desc, id desc fetch first ? rows only")
                .params(accountId, count).query(String.class).list();
    }

    /** Locks the account row for the rest of the transaction, so that concurrent changes queue. */
    public void lock(long accountId) {
        jdbc.sql("select id from user_account where id = ? for update").param(accountId).query(Long.class).single();
    }

    public void setPassword(long accountId, String passwordHash, boolean mustChange, AccountState state,
                            OffsetDateTime now) {
        jdbc.sql("""
                        update user_account set password_hash = ?, password_changed_at = ?, must_change_password = ?,
                               state = ?, version = version + 1
                        where id = ?""")
                .params(passwordHash, now, mustChange, state.name(), accountId).update();
        addHistory(accountId, passwordHash, now);
    }

    /** A reissued initial password: like a new issue, the clock of the initial password starts again. */
    public void reissue(long accountId, String passwordHash, OffsetDateTime now) {
        setPassword(accountId, passwordHash, true, AccountState.ISSUED, now);
        jdbc.sql("update user_account set issued_at = ? where id = ?").params(now, accountId).update();
    }

    public void setState(long accountId, AccountState state) {
        jdbc.sql("update user_account set state = ?, version = version + 1 where id = ?")
                .params(state.name(), accountId).update();
    }

    public void requireChange(long accountId) {
        jdbc.sql("update user_account set must_change_password = true, version = version + 1 where id = ?")
                .param(accountId).update();
    }

    public void loggedIn(long accountId, OffsetDateTime now) {
        jdbc.sql("update user_account set last_login_at = ? where id = ?").params(now, accountId).update();
    }

    /** What the per-request gate reads: is a password change due? */
    public record PasswordState(boolean mustChange, Instant changedAt, AccountState state) {
    }

    public Optional<PasswordState> passwordState(long accountId) {
        return jdbc.sql("select must_change_password, password_changed_at, state from user_account where id = ?")
                .param(accountId)
                .query((rs, row) -> new PasswordState(rs.getBoolean(1), instant(rs, 2),
                        AccountState.valueOf(rs.getString(3))))
                .optional();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PersonAccount map(ResultSet rs, int row) throws SQLException {
        Person person = new Person(rs.getLong("p_id"), new CitizenId(rs.getString("citizen_id")),
                rs.getString("title_th"), rs.getString("first_name_th"), rs.getString("last_name_th"),
                rs.getString("first_name_en"), rs.getString("last_name_en"), rs.getString("email"),
                rs.getString("mobile"), rs.getObject("agency_id", Long.class));
        Account account = new Account(rs.getLong("a_id"), person.id(), new Username(rs.getString("username")),
                AccountState.valueOf(rs.getString("state")), rs.getBoolean("must_change_password"),
                instant(rs, "password_changed_at"), instant(rs, "issued_at"), instant(rs, "last_login_at"),
                rs.getString("legacy_credential"));
        return new PersonAccount(person, account);
    }
}
