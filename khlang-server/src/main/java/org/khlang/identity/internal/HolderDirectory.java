package org.khlang.identity.internal;

import java.util.Optional;

import org.khlang.proofing.ProofingSubjects;
import org.khlang.shared.CitizenId;
import org.khlang.softtoken.TokenHolder;
import org.khlang.softtoken.TokenHolders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers the Soft Token and proofing modules' questions about people, which only identity may read. */
@Component
class HolderDirectory implements TokenHolders, ProofingSubjects {

    private final AccountStore accounts;

    HolderDirectory(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TokenHolder> holder(long accountId) {
        return accounts.byAccountId(accountId).map(holder -> new TokenHolder(accountId,
                holder.account().username().value(), holder.person().fullNameTh(), holder.person().agencyId()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CitizenId> citizenIdOf(long accountId) {
        return accounts.byAccountId(accountId).map(holder -> holder.person().citizenId());
    }
}
