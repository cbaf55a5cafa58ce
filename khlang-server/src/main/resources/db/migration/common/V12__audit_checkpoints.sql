-- Signed checkpoints of the audit chain (design.md section 7): at a fixed interval the head (sequence and hash) is
-- signed with the checkpoint key; an outside party that keeps the signed checkpoints can later prove that the
-- chain up to each of them was not rewritten.
create table audit_checkpoint (
    seq        bigint       not null primary key,
    head_hash  char(64)     not null,
    created_at timestamp with time zone not null,
    key_id     varchar(100) not null,
    jws        text         not null
);
