package org.khlang.proofing.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The development identity provider's test identities (standing in for people proven by เป๋าตัง) and the redirect
 * URIs of the Khlang it serves. Shared between Khlang and the provider's own context.
 */
public final class DevIdentities {

    /** A test identity: what the provider vouches for when this person signs in to it. */
    public record Identity(String username, String password, String citizenId, String level, String name) {
    }

    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();

    public void add(Identity identity) {
        identities.put(identity.username(), identity);
    }

    public Optional<Identity> find(String username) {
        return Optional.ofNullable(identities.get(username));
    }

    public java.util.Collection<Identity> all() {
        return identities.values();
    }

    public void allowRedirect(String uri) {
        redirectUris.add(uri);
    }

    public Set<String> redirectUris() {
        return Set.copyOf(redirectUris);
    }
}
