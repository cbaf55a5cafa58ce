package org.khlang.softtoken;

import java.time.LocalDate;

/**
 * R16: whether a person of an agency may register a Soft Token today.
 *
 * @param open            whether registration is open for the agency today
 * @param opens           the first day for this agency (earlier for pilot agencies)
 * @param closes          the last day for this agency (later when a registrar extended it)
 * @param registrarOfficeId the office to contact, if any
 */
public record RegistrationWindow(boolean open, LocalDate opens, LocalDate closes, Long registrarOfficeId) {
}
