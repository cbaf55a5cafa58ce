-- Passkeys (WebAuthn), the phishing-resistant option of AAL2 (NIST SP 800-63B-4 2.2). The first two tables are
-- Spring Security's own (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository), with bytea
-- for its blobs; passkey is Khlang's: whose it is, its state, and the phone's confirmation of its registration.
create table user_entities (
    id           varchar(1000) not null primary key,
    name         varchar(100)  not null unique,
    display_name varchar(200)
);

create table user_credentials (
    credential_id                varchar(1000) not null primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id),
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null
);
create index user_credentials_user on user_credentials (user_entity_user_id);

create table passkey (
    credential_id   varchar(1000) not null primary key references user_credentials (credential_id),
    account_id      bigint        not null references user_account (id),
    label           varchar(100)  not null,
    state           varchar(10)   not null check (state in ('PENDING', 'ACTIVE', 'SUSPENDED')),
    request_id      char(36),
    content_sha256  char(64),
    created_at      timestamp with time zone not null,
    activated_at    timestamp with time zone,
    suspended_at    timestamp with time zone,
    last_used_at    timestamp with time zone
);
create index passkey_account on passkey (account_id, state);
