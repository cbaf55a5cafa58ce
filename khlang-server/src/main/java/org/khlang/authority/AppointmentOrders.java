package org.khlang.authority;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * Appointment orders (R8, R10, R11). Rights of agency staff come only from approved orders: the agency head drafts
 * an order, adds assignments, attaches the signed order file (a real PDF) and submits it; the registrar serving the
 * agency approves or rejects it. An order is immutable once submitted; a change is a new order.
 */
public interface AppointmentOrders {

    AppointmentOrder draft(long agencyId, String number, LocalDate date, String signatory, Actor head);

    /**
     * A registrar serving the agency drafts the appointment of its head (one AGENCY_HEAD assignment, the head's own
     * appointment document attached); another registrar of the office reviews it (four eyes).
     */
    AppointmentOrder draftHeadAppointment(long agencyId, String number, LocalDate date, String signatory,
                                          Actor registrar);

    AppointmentOrder addAssignment(long orderId, NewAssignment assignment, Actor head);

    /** Attaches the signed order: a PDF by its content, at most {@code khlang.authority.order-file-max-bytes}. */
    AppointmentOrder attach(long orderId, String fileName, byte[] content, Actor head);

    /**
     * Asks the head's phone to confirm the submission; refused when the order has no file, no assignment, or would
     * break R10. Returns the confirmation id to pass to {@link #submit}.
     */
    String askToSubmit(long orderId, Actor head);

    /** Submits for review, once the head's phone confirmed exactly this order. */
    AppointmentOrder submit(long orderId, String confirmationId, Actor head);

    /** Asks the registrar's phone to confirm approving ({@code reason} null) or rejecting the order. */
    String askToReview(long orderId, boolean approve, String reason, Actor registrar);

    /**
     * Grants every assignment's right (R10 checked again, under lock) and requires their password change (R11),
     * once the registrar's phone confirmed the approval of exactly this order.
     */
    AppointmentOrder approve(long orderId, String confirmationId, Actor registrar);

    AppointmentOrder reject(long orderId, String reason, String confirmationId, Actor registrar);

    Optional<AppointmentOrder> find(long orderId);

    List<AppointmentOrder> forAgency(long agencyId);

    /** Submitted orders of the agencies the registrar serves, oldest first. */
    List<AppointmentOrder> queue(Actor registrar);

    /** The order file, for the agency's head, the serving registrar and auditors. */
    byte[] file(long orderId, Actor reader);
}
