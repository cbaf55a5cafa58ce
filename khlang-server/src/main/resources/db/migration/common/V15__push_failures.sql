-- The sign-in secret has six digits (NIST SP 800-63B-4 3.1.3.2): 000000 to 999999 does not fit a smallint.
alter table approval_request alter column number_to_match set data type integer;

-- Wrong secrets in a row per account, surviving new requests (3.1.3.2: a new secret does not reset the count), and
-- what they hold back (3.2.2): a pause at every tenth, a lock at the hundredth until a registrar or the Contact
-- Center unlocks it. A proven sign-in sets the count back to 0.
create table push_failure (
    account_id      bigint  not null primary key references user_account (id),
    consecutive     integer not null default 0 check (consecutive >= 0),
    last_failure_at timestamp with time zone,
    paused_until    timestamp with time zone,
    locked_at       timestamp with time zone,
    unlocked_at     timestamp with time zone,
    unlocked_by     bigint references user_account (id)
);
create index push_failure_held on push_failure (locked_at, paused_until);
