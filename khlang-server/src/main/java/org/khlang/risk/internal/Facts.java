package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rules look at, read in bulk for all the documents of one approval (one query per kind of fact, however
 * many documents), so that the rules themselves are plain Java, unit-tested without a database.
 */
final class Facts {

    private Facts() {
    }

    /** An approved change of a payee's bank account. */
    record BankChange(long id, Instant decidedAt, String bankCode, String accountNumber, long requestedBy,
                      Long decidedBy) {
    }

    /** Another payee of the agency paid into the same bank account; {@code staff} if either is staff. */
    record SharedAccount(long otherPayeeId, String otherName, boolean staff, String bankCode, String accountNumber) {
    }

    /** Another document, not cancelled. */
    record OtherDocument(long id, String number, BigDecimal total, Instant recordedAt, String state,
                         String invoiceRef) {
    }

    /** The documents' facts, by payee or by withdrawal id. */
    record Documents(Map<Long, List<BankChange>> bankChanges, Map<Long, List<SharedAccount>> sharedAccounts,
                     Map<Long, List<OtherDocument>> sameInvoice, Map<Long, List<OtherDocument>> sameAmount,
                     Map<Long, List<OtherDocument>> nearLimit, Map<Long, List<BigDecimal>> paidHistory) {

        static Documents none() {
            return new Documents(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        }
    }

    /**
     * The approver's facts at this approval.
     *
     * @param phoneBoundAt         when the active phone was bound (activated); null without one
     * @param replacedAt           when a lost phone of the person was last replaced (the registrar's approval); null
     *                             if never
     * @param approvalsSince       approvals the active phone gave before this one
     * @param refusedPushes        when pushes to the person were denied or answered with a wrong number, lately
     * @param signInNetwork        the network of the sign-in before this approval (IPv4 /24, IPv6 /48), or null
     * @param signInAt             when that sign-in was
     * @param knownNetworks        the networks of the person's earlier sign-ins within the history window
     */
    record Approver(Instant now, Instant phoneBoundAt, Instant replacedAt, int approvalsSince,
                    List<Instant> refusedPushes, String signInNetwork, Instant signInAt, List<String> knownNetworks) {
    }
}
