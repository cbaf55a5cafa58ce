package org.khlang.identity;

import java.util.Optional;

import org.khlang.shared.Actor;
import org.khlang.shared.Page;

/**
 * Issuing and managing credentials: the registrar's work (R4). Every command checks that the registrar serves
 * the person's agency, and is audited.
 */
public interface Credentials {

    /** Registers a person and issues a username with a one-time initial password. */
    IssuedCredential issue(NewPerson person, Actor registrar);

    /** Issues a new initial password for an account (e.g. a forgotten password); the old one stops working. */
    IssuedCredential reissue(long accountId, Actor registrar);

    /** Locks, unlocks or disables an account. */
    Account changeState(long accountId, AccountState state, String reason, Actor registrar);

    /** People of the agencies that the registrar serves whose name, username or citizen ID matches. */
    Page<PersonAccount> people(Actor registrar, String query, int page, int size);

    /** One person with their account, if the registrar serves their agency. */
    Optional<PersonAccount> person(long accountId, Actor registrar);

    /** One person with their account, for the account holder. */
    PersonAccount self(long accountId);
}
