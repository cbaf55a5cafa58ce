package org.khlang.support;

import java.util.EnumSet;
import java.util.Set;

import org.khlang.authority.Right;
import org.khlang.identity.internal.PasskeyPolicy;

/**
 * The passkey policy of the tests: none by default (tests of other things sign staff in without a passkey); a test
 * of the policy sets production's and resets it after, like {@link MutableClock}.
 */
public final class MutablePasskeyPolicy implements PasskeyPolicy {

    private volatile Set<Right> rights = EnumSet.noneOf(Right.class);

    @Override
    public boolean requiredFor(Right right) {
        return rights.contains(right);
    }

    /** Production's policy: the staff who manage other people's credentials. */
    public void production() {
        rights = EnumSet.of(Right.REGISTRAR, Right.SYSTEM_ADMIN, Right.HELPDESK);
    }

    public void reset() {
        rights = EnumSet.noneOf(Right.class);
    }
}
