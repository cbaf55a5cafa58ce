-- PostgreSQL checks the ledger itself (R13), whatever the application does:
--  * at commit, every journal entry's lines balance (debits = credits = total) and number exactly line_count;
--  * lines are added only in the transaction that created their entry, so no later line can unbalance it
--    (Khlang uses no savepoints, whose rows would carry a sub-transaction id);
--  * posted entries and lines are never updated, deleted or truncated: a mistake is corrected by reversal.
create function journal_entry_balanced() returns trigger language plpgsql as $$
declare
    debits  numeric(18,2);
    credits numeric(18,2);
    lines   integer;
begin
    select coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) into debits, credits, lines
    from journal_line where entry_id = new.id;
    if debits <> credits or debits <> new.total or lines <> new.line_count then
        raise exception 'journal entry % does not balance: debits %, credits %, total %, lines % of %',
            new.id, debits, credits, new.total, lines, new.line_count using errcode = 'check_violation';
    end if;
    return null;
end;
$$;

create constraint trigger journal_entry_balanced after insert on journal_entry
    deferrable initially deferred for each row execute function journal_entry_balanced();

create function journal_line_same_transaction() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from journal_entry where id = new.entry_id and xmin = pg_current_xact_id()::xid) then
        raise exception 'journal entry % is already posted: lines cannot be added', new.entry_id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger journal_line_same_transaction before insert on journal_line
    for each row execute function journal_line_same_transaction();

create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused; correct a posted entry by reversal', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger journal_entry_no_update before update or delete on journal_entry
    for each row execute function ledger_append_only();
create trigger journal_entry_no_truncate before truncate on journal_entry
    for each statement execute function ledger_append_only();
create trigger journal_line_no_update before update or delete on journal_line
    for each row execute function ledger_append_only();
create trigger journal_line_no_truncate before truncate on journal_line
    for each statement execute function ledger_append_only();
