package org.khlang.identity.internal;

import java.util.EnumSet;
import java.util.Set;

import org.khlang.authority.Right;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which rights work only in a sign-in that used a passkey (NIST SP 800-63B-4: staff who manage other people's
 * credentials SHALL use a phishing-resistant authenticator). A named setting, {@code khlang.passkeys.required-for};
 * production's default is REGISTRAR, SYSTEM_ADMIN and HELPDESK.
 */
public interface PasskeyPolicy {

    boolean requiredFor(Right right);

    /** The policy as configured. */
    @Component
    class Configured implements PasskeyPolicy {

        private final Set<Right> rights;

        Configured(@Value("${khlang.passkeys.required-for:REGISTRAR,SYSTEM_ADMIN,HELPDESK}") Set<Right> rights) {
            this.rights = rights.isEmpty() ? EnumSet.noneOf(Right.class) : EnumSet.copyOf(rights);
        }

        @Override
        public boolean requiredFor(Right right) {
            return rights.contains(right);
        }
    }
}
