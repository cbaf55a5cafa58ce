package org.khlang.softtoken;

import java.time.LocalDate;

import org.khlang.shared.Actor;

/** R16: the registration window, earlier for pilot agencies, extended per agency by its registrar. */
public interface RegistrationWindows {

    RegistrationWindow forAgency(Long agencyId);

    /** Extends registration for an agency the registrar serves, up to {@code until} inclusive. */
    RegistrationWindow extend(long agencyId, LocalDate until, Actor registrar);
}
