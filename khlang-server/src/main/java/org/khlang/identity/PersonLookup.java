package org.khlang.identity;

import java.util.Optional;

/** Finding one person by exact username or citizen ID, for the Contact Center (HELPDESK) taking a call. */
public interface PersonLookup {

    Optional<PersonAccount> find(String usernameOrCitizenId);

    Optional<PersonAccount> byAccountId(long accountId);
}
