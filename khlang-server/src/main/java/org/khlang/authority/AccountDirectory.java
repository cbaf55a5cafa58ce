package org.khlang.authority;

import java.util.Optional;

/** What authority needs to know of accounts; implemented by the identity module, which owns people. */
public interface AccountDirectory {

    /** The agency the account's person belongs to, if the account exists. */
    Optional<Long> agencyOf(long accountId);

    /** The people of an agency who have accounts, as (account id, display name), ordered by name; at most 500. */
    java.util.List<Person> peopleOf(long agencyId);

    /** An account and how to name its person. */
    record Person(long accountId, String displayName) {
    }

    /** How to name the account's person in a message, e.g. "นางสาวมาลี ศรีสุข (7003012345-01)". */
    String displayName(long accountId);
}
