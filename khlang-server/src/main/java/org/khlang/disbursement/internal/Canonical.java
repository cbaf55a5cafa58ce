package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeLine;
import org.khlang.disbursement.Withdrawal;
import org.khlang.shared.Baht;

/**
 * The canonical content that approvers sign (design.md 4.4): a versioned, field-by-field text of exactly what is
 * approved, hashed with SHA-256. Change any field and the hash — and with it the signed approval — no longer fits.
 */
final class Canonical {

    private Canonical() {
    }

    /** Approval 1: the withdrawal as recorded, with its payee, every line and every attachment's SHA-256. */
    static String approval1(Withdrawal withdrawal, Payee payee, List<String> attachmentSha256s) {
        StringBuilder text = new StringBuilder("khlang-withdrawal-v1|APPROVE_WITHDRAWAL")
                .append('|').append(withdrawal.id()).append('|').append(withdrawal.agencyId())
                .append('|').append(withdrawal.fiscalYear()).append('|').append(withdrawal.type())
                .append('|').append(withdrawal.number()).append('|').append(payee == null ? 0 : payee.id())
                .append('|').append(payee == null ? "" : payee.taxId()).append('|')
                .append(escape(payee == null ? "" : payee.name()))
                .append('|').append(escape(withdrawal.purchaseOrder())).append('|')
                .append(escape(withdrawal.description())).append('|').append(Baht.canonical(withdrawal.total()));
        for (Withdrawal.Line line : withdrawal.lines()) {
            text.append("|line:").append(line.number()).append(',').append(line.budgetLineId()).append(',')
                    .append(line.glCode()).append(',').append(Baht.canonical(line.amount())).append(',')
                    .append(escape(line.invoiceRef())).append(',').append(escape(line.description()));
        }
        attachmentSha256s.stream().sorted().forEach(sha -> text.append("|att:").append(sha));
        deductions(text, withdrawal.deductions());
        if (withdrawal.hasPayeeList()) {
            text.append("|list:").append(withdrawal.payeeList().count()).append(',')
                    .append(Baht.canonical(withdrawal.payeeList().total())).append(',')
                    .append(withdrawal.payeeList().sha256());
        }
        return sha256(text.toString());
    }

    /** A list of payees, line by line: its SHA-256 is what approvers see and sign for the whole list. */
    static String payeeList(List<PayeeLine> lines) {
        BigDecimal total = lines.stream().map(PayeeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder text = new StringBuilder(64 + lines.size() * 80).append("khlang-payee-list-v1|")
                .append(lines.size()).append('|').append(Baht.canonical(total));
        for (PayeeLine line : lines) {
            text.append("|p:").append(line.number()).append(',').append(escape(line.name())).append(',')
                    .append(line.citizenId() == null ? "" : line.citizenId()).append(',')
                    .append(line.account().bankCode()).append(',').append(line.account().number()).append(',')
                    .append(Baht.canonical(line.amount()));
        }
        return sha256(text.toString());
    }

    /**
     * The deductions a document makes, when it makes any: the VAT, the rate and tax withheld, the fine and its
     * reason, and the net. A document without deductions keeps exactly the text it had before deductions existed,
     * so that approvals signed then still verify.
     */
    private static void deductions(StringBuilder text, Deductions deductions) {
        if (deductions.any() || deductions.vat().signum() != 0) {
            text.append("|ded:").append(Baht.canonical(deductions.vat())).append(',')
                    .append(deductions.rate().stripTrailingZeros().toPlainString()).append(',')
                    .append(Baht.canonical(deductions.tax())).append(',').append(Baht.canonical(deductions.fine()))
                    .append(',').append(escape(deductions.fineReason()));
        }
    }

    /** One payment of an approval-2 manifest: the document's gross, its deductions, and the net that is sent. */
    record Item(long withdrawalId, String number, BigDecimal gross, Deductions deductions, BankAccount account,
                String approval1Sha256, int line) {

        Item(long withdrawalId, String number, BigDecimal gross, Deductions deductions, BankAccount account,
             String approval1Sha256) {
            this(withdrawalId, number, gross, deductions, account, approval1Sha256, 0);
        }

        /** What the transfer carries to the payee's bank: the gross less the deductions. */
        BigDecimal amount() {
            return deductions.netOf(gross);
        }
    }

    /** Approval 2: the manifest of the payments approved together (one or a batch), in withdrawal-id order. */
    static String manifest(long agencyId, List<Item> items) {
        List<Item> ordered = items.stream().sorted(Comparator.comparingLong(Item::withdrawalId)
                .thenComparingInt(Item::line)).toList();
        BigDecimal total = ordered.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder text = new StringBuilder(64 + ordered.size() * 120).append("khlang-payment-batch-v1|")
                .append(agencyId).append('|').append(ordered.size()).append('|').append(Baht.canonical(total));
        for (Item item : ordered) {
            text.append("|pay:").append(item.withdrawalId()).append(',').append(item.number()).append(',')
                    .append(Baht.canonical(item.amount())).append(',').append(item.account().bankCode()).append(',')
                    .append(item.account().number()).append(',').append(escape(item.account().name())).append(',')
                    .append(item.approval1Sha256());
            if (item.line() > 0) {
                text.append(",line:").append(item.line());
            }
            if (item.deductions().any()) {
                text.append(",gross:").append(Baht.canonical(item.gross())).append(",tax:")
                        .append(Baht.canonical(item.deductions().tax())).append(",fine:")
                        .append(Baht.canonical(item.deductions().fine()));
            }
        }
        return sha256(text.toString());
    }

    /** Separators inside free text are escaped, so no two different documents share one canonical text. */
    private static String escape(String value) {
        return value == null ? "\\0" : value.replace("\\", "\\\\").replace("|", "\\p").replace(",", "\\c");
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
