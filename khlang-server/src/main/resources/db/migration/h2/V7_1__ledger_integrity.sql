-- H2 counterpart: the development database refuses to change posted journal entries and lines too. The balance of
-- each entry is checked by the application here; PostgreSQL checks it again at commit (V7_1 there).
create trigger journal_entry_no_update before update on journal_entry
    for each row call 'org.khlang.ledger.internal.LedgerAppendOnlyTrigger';
create trigger journal_entry_no_delete before delete on journal_entry
    for each row call 'org.khlang.ledger.internal.LedgerAppendOnlyTrigger';
create trigger journal_line_no_update before update on journal_line
    for each row call 'org.khlang.ledger.internal.LedgerAppendOnlyTrigger';
create trigger journal_line_no_delete before delete on journal_line
    for each row call 'org.khlang.ledger.internal.LedgerAppendOnlyTrigger';
