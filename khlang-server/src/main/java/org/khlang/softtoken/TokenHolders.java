package org.khlang.softtoken;

import java.util.Optional;

/** Looks up token holders; implemented by the identity module, which owns accounts. */
public interface TokenHolders {

    Optional<TokenHolder> holder(long accountId);
}
