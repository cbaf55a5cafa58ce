-- A lost passkey of staff who must use one (issue 17): the person signs in with the phone alone until the serving
-- registrar approves a new passkey. passkey_loss holds the accounts in that state; a new passkey confirmed on the
-- phone while it holds waits (state PENDING, confirmed_at set) for the registrar, who is recorded in approved_by.
alter table passkey add column confirmed_at timestamp with time zone;
alter table passkey add column approved_by bigint references user_account (id);

create table passkey_loss (
    account_id    bigint        not null primary key references user_account (id),
    credential_id varchar(1000) not null,
    lost_at       timestamp with time zone not null,
    reported_by   bigint        references user_account (id)
);
