package org.khlang.identity;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;

/**
 * The signed-in person, as the security context holds them. Kept small and serialisable: sessions are stored.
 *
 * @param registrarOfficeIds the offices whose REGISTRAR right the person held at sign-in
 */
public record KhlangUser(long accountId, long personId, String username, String nameTh, String nameEn,
                         Long agencyId, Set<String> rights, Set<Long> registrarOfficeIds)
        implements Principal, ActorPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public KhlangUser {
        rights = Set.copyOf(rights);
        registrarOfficeIds = Set.copyOf(registrarOfficeIds);
    }

    /** The same person with the rights in force now (they change with orders and dates, R8). */
    public KhlangUser withRights(Set<String> current, Set<Long> offices) {
        return new KhlangUser(accountId, personId, username, nameTh, nameEn, agencyId, current, offices);
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Actor actor() {
        return new Actor(accountId, username);
    }

    public boolean has(String right) {
        return rights.contains(right);
    }

    /** The name in the given language. */
    public String name(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameTh;
    }

    @Override
    public String toString() {
        return username;
    }
}
