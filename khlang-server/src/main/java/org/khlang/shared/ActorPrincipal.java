package org.khlang.shared;

/** A signed-in principal that can say who acts; lets any module's web adapter take an {@link Actor} parameter. */
public interface ActorPrincipal {

    Actor actor();

    /** The person's agency, if they belong to one. */
    Long agencyId();
}
