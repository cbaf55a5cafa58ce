package org.khlang.audit;

import java.util.List;

/**
 * The append-only, hash-chained audit log (design.md section 7, R14).
 *
 * <p>Appends join the caller's transaction: if the command rolls back, so does its audit event, and an
 * event is never recorded for something that did not happen. Appends are serialised by a lock on the
 * chain's head, which keeps the sequence gapless.
 */
public interface AuditLog {

    /** Appends one event and returns its sequence number. */
    long append(AuditEntry entry);

    /** Appends several events in order, cheaper than one by one; returns the last sequence number. */
    long appendAll(List<AuditEntry> entries);

    /**
     * Records a refusal that survives the refused command: when called inside a transaction, the event is
     * appended in a transaction of its own once the caller's transaction has ended, whether it rolled back or not.
     */
    void appendRefusal(AuditEntry entry);

    /** Re-walks the whole chain and names the first broken link, if any. */
    ChainVerification verify();

    /** The newest events first, at most {@code limit} (bounded by the implementation). */
    List<AuditRecord> latest(int limit);
}
