package org.khlang.audit;

import java.util.List;

import org.khlang.shared.Page;

/** Searching the audit trail (R14), newest first. */
public interface AuditTrail {

    Page<AuditRecord> search(AuditQuery query, int page, int size);

    /** Up to {@code max} events for an export, newest first. */
    List<AuditRecord> export(AuditQuery query, int max);
}
