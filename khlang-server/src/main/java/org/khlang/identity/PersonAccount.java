package org.khlang.identity;

/** A person together with their account, as registrars list them. */
public record PersonAccount(Person person, Account account) {
}
