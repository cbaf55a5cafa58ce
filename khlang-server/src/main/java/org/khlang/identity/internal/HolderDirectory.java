package org.khlang.identity.internal;

import java.util.Optional;

import org.khlang.authority.AccountDirectory;
import org.khlang.authority.RightsChanged;
import org.khlang.identity.Passwords;
import org.khlang.proofing.ProofingSubjects;
import org.khlang.shared.Actor;
import org.springframework.context.event.EventListener;
import org.khlang.shared.CitizenId;
import org.khlang.softtoken.TokenHolder;
import org.khlang.softtoken.TokenHolders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers the Soft Token and proofing modules' questions about people, which only identity may read. */
@Component
class HolderDirectory implements TokenHolders, ProofingSubjects, AccountDirectory {

    private final AccountStore accounts;
    private final Passwords passwords;

    HolderDirectory(AccountStore accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> agencyOf(long accountId) {
        return accounts.byAccountId(accountId).map(holder -> holder.person().agencyId());
    }

    @Override
    @Transactional(readOnly = true)
    public String displayName(long accountId) {
        return accounts.byAccountId(accountId)
                .map(holder -> holder.person().fullNameTh() + " (" + holder.account().username() + ")")
                .orElse("account " + accountId);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<AccountDirectory.Person> peopleOf(long agencyId) {
        return accounts.jdbc().sql(AccountStore.PERSON_ACCOUNT + " where p.agency_id = ?"
                        + " and a.state in ('ISSUED', 'ACTIVE') order by p.first_name_th fetch first 500 rows only")
                .param(agencyId).query(AccountStore.ROW).list().stream()
                .map(holder -> new AccountDirectory.Person(holder.account().id(),
                        holder.person().fullNameTh() + " (" + holder.account().username() + ")"))
                .toList();
    }

    /** R11: everyone whose rights an approved order changed changes the password before anything else. */
    @EventListener
    void rightsChanged(RightsChanged event) {
        for (long accountId : event.accountIds()) {
            passwords.requireChange(accountId, "R11: order " + event.orderNumber(), Actor.SYSTEM);
        }
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
