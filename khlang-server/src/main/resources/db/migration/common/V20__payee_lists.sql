-- Many payees in one document (issue 19, part 4): a ขบ02 or ขบ03 document may carry a list of up to 10,000 payees,
-- each with its own bank account and amount, each paid by its own transfer. Such a document names no single payee.
alter table withdrawal alter column payee_id drop not null;
alter table withdrawal add column list_count integer;
alter table withdrawal add column list_sha256 char(64);
alter table withdrawal add constraint withdrawal_payee_or_list check ((payee_id is null) = (list_count is not null)
    and (list_count is null or (list_count between 1 and 10000 and list_sha256 is not null)));

create table withdrawal_payee_line (
    withdrawal_id  bigint        not null references withdrawal (id),
    line_no        integer       not null check (line_no >= 1),
    name           varchar(200)  not null,
    citizen_id     char(13),
    bank_code      char(3)       not null,
    account_number varchar(15)   not null,
    amount         numeric(18,2) not null check (amount > 0),
    primary key (withdrawal_id, line_no)
);

-- A list's transfer names its line. The single-payee rule (one live transfer per withdrawal, unique (withdrawal_id,
-- live)) stays for documents with one payee; a line has its own: one live transfer per line.
alter table payment add column payee_line integer not null default 0;
alter table payment add column line_live smallint check (line_live = 1);
alter table payment add constraint payment_one_live_per_line unique (withdrawal_id, payee_line, line_live);
alter table payment add constraint payment_live_kind check (payee_line = 0 or live is null);
