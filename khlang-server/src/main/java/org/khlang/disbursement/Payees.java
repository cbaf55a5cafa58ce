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

    BankChange requestBankChange(long payeeId, BankAccount account, String reason, Actor actor);

    BankChange decideBankChange(long changeId, boolean approve, Actor actor);

    Optional<Payee> find(long payeeId);

    List<Payee> forAgency(long agencyId);

    List<BankChange> pendingChanges(long agencyId);

    /** The person's unread alerts, newest first. */
    List<Alert> alerts(long accountId);
}
