package org.khlang.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/** The double-entry ledger (R13). Posting joins the caller's transaction: the money step and its entry commit together. */
public interface Ledger {

    /** Posts a balanced entry to accounts of the chart; refused (and nothing written) otherwise. */
    PostedEntry post(JournalEntry entry, Actor actor);

    /** Posts many balanced entries in one go (a batch of payments); all or none. Returns their ids in order. */
    List<Long> postAll(List<JournalEntry> entries, Actor actor);

    /** Posts the reversing entry of a posted one, dated {@code date}; an entry is reversed once only. */
    PostedEntry reverse(long entryId, LocalDate date, String reason, Actor actor);

    Optional<PostedEntry> entry(long entryId);

    /** Entries posted for a document reference of the agency, oldest first. */
    List<PostedEntry> byReference(long agencyId, String reference);

    TrialBalance trialBalance(long agencyId, LocalDate asOf);

    /** Postings to one account of the agency between two dates (inclusive), with running balance from the start. */
    List<GlDetailLine> detail(long agencyId, String glCode, LocalDate from, LocalDate to);

    List<GlAccount> chart();

    Optional<GlAccount> account(String code);
}
