-- H2 counterpart of the PostgreSQL triggers: the development database refuses to change audit events too.
create trigger audit_event_no_update before update on audit_event
    for each row call 'org.khlang.audit.internal.AppendOnlyTrigger';
create trigger audit_event_no_delete before delete on audit_event
    for each row call 'org.khlang.audit.internal.AppendOnlyTrigger';
