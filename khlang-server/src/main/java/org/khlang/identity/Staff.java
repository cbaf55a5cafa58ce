package org.khlang.identity;

import org.khlang.authority.Right;
import org.khlang.shared.Actor;

/**
 * Accounts of the treasury's own staff, who belong to no disbursing agency: registrars (held for a registrar
 * office), the Contact Center and system administrators. Issued by a system administrator, or by the
 * {@code bootstrap-admin} command for the very first administrator.
 */
public interface Staff {

    /**
     * Registers a staff member and issues a username (the given one) and initial password.
     *
     * @param registrarOfficeId the office, for {@link Right#REGISTRAR}; null otherwise
     */
    IssuedCredential issue(NewPerson person, Username username, Right right, Long registrarOfficeId, Actor admin);
}
