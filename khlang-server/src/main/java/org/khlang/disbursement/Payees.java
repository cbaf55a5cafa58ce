package org.khlang.disbursement;

import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * Payees and their bank accounts. A change of bank account is requested by one person and approved by another
 * (never the requester), and the agency head is alerted.
 */
public interface Payees {

    Payee register(long agencyId, NewPayee payee, Actor actor);

    /**
     * Changes how the Revenue Code treats the payee (a RECORDER of its agency; audited, and the agency head alerted,
     * since marking a payee exempt stops the tax being withheld). Documents already recorded keep their deductions.
     */
    Payee changeTaxStatus(long payeeId, TaxStatus status, Actor actor);

    BankChange requestBankChange(long payeeId, BankAccount account, String reason, Actor actor);

    BankChange decideBankChange(long changeId, boolean approve, Actor actor);

    Optional<Payee> find(long payeeId);

    List<Payee> forAgency(long agencyId);

    List<BankChange> pendingChanges(long agencyId);

    /** The person's unread alerts, newest first. */
    List<Alert> alerts(long accountId);
}
