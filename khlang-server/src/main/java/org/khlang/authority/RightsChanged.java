package org.khlang.authority;

import java.util.Set;

/** An approved order changed these people's rights; each must change their password before anything else (R11). */
public record RightsChanged(Set<Long> accountIds, long orderId, String orderNumber) {

    public RightsChanged {
        accountIds = Set.copyOf(accountIds);
    }
}
