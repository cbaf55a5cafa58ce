package org.khlang.softtoken;

/** What the Soft Token needs to know of a person: to show who is asking, and whose window applies (R16). */
public record TokenHolder(long accountId, String username, String nameTh, Long agencyId) {
}
