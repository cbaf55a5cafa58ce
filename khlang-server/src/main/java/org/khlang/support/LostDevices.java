package org.khlang.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * Lost phones (R12, design.md 4.3): a report suspends the Soft Token at once — pending requests end and every
 * session of the person ends on every node — and notifies the agency head, whose letter is due within 3 business
 * days of the loss date; the registrar serving the agency accepts it and approves the new phone.
 */
public interface LostDevices {

    /** The holder reports without the phone: username and password, and the day it was lost. */
    Optional<LostDeviceReport> reportBySelf(String username, String password, LocalDate lossDate);

    /** The Contact Center takes the call and suspends at once. */
    LostDeviceReport reportByHelpdesk(long accountId, LocalDate lossDate, String callNote, Actor helpdesk);

    /** The agency head files the signed letter (PDF). */
    LostDeviceReport fileLetter(long reportId, String fileName, byte[] pdf, Actor head);

    /** The registrar serving the agency accepts the letter. */
    LostDeviceReport acceptLetter(long reportId, Actor registrar);

    /** The registrar approves binding a new phone (after the letter was accepted). */
    LostDeviceReport approveReplacement(long reportId, Actor registrar);

    Optional<LostDeviceReport> find(long reportId);

    byte[] letter(long reportId);

    List<LostDeviceReport> forAgency(long agencyId);

    /** Reports of the agencies the registrar serves, open ones first. */
    List<LostDeviceReport> forRegistrar(Actor registrar);

    /** Every report whose letter is overdue or was filed late (dashboards and the compliance report). */
    List<LostDeviceReport> flagged();

    List<LostDeviceReport> forAccount(long accountId);
}
