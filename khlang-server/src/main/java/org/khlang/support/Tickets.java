package org.khlang.support;

import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * Support tickets (R15): anyone signed in opens one; the Contact Center (HELPDESK) answers, and the person is told by
 * e-mail; either side writes again; the person or the Contact Center closes it.
 */
public interface Tickets {

    Ticket open(String subject, String body, Actor person);

    /** A message from the ticket's owner or from the Contact Center. */
    Ticket reply(long ticketId, String body, Actor author);

    Ticket close(long ticketId, Actor actor);

    /** The ticket, if the actor may see it (its owner or the Contact Center). */
    Optional<Ticket> find(long ticketId, Actor actor);

    List<Ticket> mine(Actor person);

    /** Tickets waiting for the Contact Center (OPEN), oldest first; for HELPDESK only. */
    List<Ticket> waiting(Actor helpdesk);
}
