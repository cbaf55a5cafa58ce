package org.khlang.authority;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.khlang.shared.Actor;

/** The rights people hold, per agency and over time. */
public interface Rights {

    /** Rights of the account in force on {@code date}. */
    List<RightGrant> effectiveOn(long accountId, LocalDate date);

    /** Every right the account ever held, newest first. */
    List<RightGrant> history(long accountId);

    /**
     * Grants a right, refusing one that would let a person approve both withdrawal and payment for the same
     * agency at overlapping times (R10, {@link SegregationOfDuties}).
     */
    RightGrant grant(NewRightGrant grant, Actor actor);

    /** Who held the right for the agency on that date: "who could approve payments for agency X on date D". */
    List<RightGrant> holders(long agencyId, Right right, LocalDate date);

    /**
     * Ends the account's right for the agency after {@code lastDay}: grants in force then are cut to end that day.
     * Returns how many grants were cut; grants that would start after the last day are refused.
     */
    int end(long accountId, Right right, long agencyId, LocalDate lastDay, String reference, Actor actor);

    /** Who held a staff right (one of no agency: REGISTRAR, HELPDESK, SYSTEM_ADMIN) on that date. */
    List<RightGrant> staffHolders(Right right, LocalDate date);

    /** Agency rights in force on the date, for one agency or, with {@code null}, every agency. */
    List<RightGrant> inForce(Long agencyId, LocalDate date);

    /**
     * Every pair of grants by which one person held approver 1 and approver 2 of the same agency at overlapping
     * times (R10), however they came about — for internal audit, which must find them even if the checks failed.
     */
    List<RightConflict> segregationConflicts(Long agencyId);

    /** The registrar offices whose REGISTRAR right the account holds on {@code date}. */
    Set<Long> registrarOfficesOf(long accountId, LocalDate date);

    /** Whether the account, as a registrar on {@code date}, serves the agency (R4: the office that serves it). */
    boolean servesAgency(long accountId, Agency agency, LocalDate date);
}
