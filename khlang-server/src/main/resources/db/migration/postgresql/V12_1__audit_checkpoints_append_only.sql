create trigger audit_checkpoint_no_update before update or delete on audit_checkpoint
    for each row execute function audit_event_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_event_append_only();
