create trigger audit_checkpoint_no_update before update on audit_checkpoint
    for each row call 'org.khlang.audit.internal.AppendOnlyTrigger';
create trigger audit_checkpoint_no_delete before delete on audit_checkpoint
    for each row call 'org.khlang.audit.internal.AppendOnlyTrigger';
