package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.Payment;
import org.khlang.shared.ImportReport.RowError;

/**
 * What a bank's result file says of each transfer of one batch, whatever the file's format (CSV, pain.002,
 * camt.054): every answer is matched to a payment by its EndToEndId, and every unknown id, duplicate, wrong amount
 * or contradiction of a payment already settled is kept as an error, so that the whole file is applied or none of
 * it. An answer that repeats what a payment already is counts as unchanged: a file imported twice changes nothing.
 */
final class BankResultMatch {

    /** What the bank says happened to one transfer. */
    enum Outcome {
        PAID, FAILED, PENDING
    }

    record Result(Payment payment, boolean paid, String reason) {
    }

    /** The longest bank reason kept with a failed payment. */
    static final int MAX_REASON = 200;

    final List<Result> results = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    int unchanged;
    int pending;
    String format = "csv";

    private final Map<String, Payment> byId = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final List<Payment> payments;

    BankResultMatch(List<Payment> payments) {
        this.payments = List.copyOf(payments);
        payments.forEach(payment -> byId.put(payment.endToEndId(), payment));
    }

    /** The batch's payments that no answer has named yet, in the batch's order. */
    List<Payment> unnamed() {
        return payments.stream().filter(payment -> !seen.containsKey(payment.endToEndId())).toList();
    }

    void refuse(long line, String field, String code, Object... arguments) {
        errors.add(RowError.of(line, field, code, arguments));
    }

    /**
     * Matches one answer. {@code amount} and {@code currency} are checked when the file states them (a CSV does
     * not); a failed payment's reason is cut at {@link #MAX_REASON} characters.
     */
    void offer(long line, String id, Outcome outcome, String reason, BigDecimal amount, String currency) {
        String endToEnd = id == null ? "" : id.strip();
        Payment payment = byId.get(endToEnd);
        if (payment == null) {
            refuse(line, "EndToEndId", "payment.result.unknown", endToEnd);
            return;
        }
        Long first = seen.putIfAbsent(endToEnd, line);
        if (first != null) {
            refuse(line, "EndToEndId", "payment.result.duplicate", endToEnd);
            return;
        }
        if (currency != null && !currency.equals("THB")) {
            refuse(line, "Ccy", "payment.result.currency", endToEnd, currency);
            return;
        }
        if (amount != null && amount.compareTo(payment.amount()) != 0) {
            refuse(line, "Amt", "payment.result.amount", endToEnd, baht(amount), baht(payment.amount()));
            return;
        }
        if (outcome == Outcome.PENDING) {
            pending++;
            return;
        }
        boolean paid = outcome == Outcome.PAID;
        if (payment.state() != Payment.State.SENT) {
            if (payment.state() == (paid ? Payment.State.PAID : Payment.State.FAILED)) {
                unchanged++;
            } else {
                refuse(line, "status", "payment.result.contradicts", endToEnd, payment.state());
            }
            return;
        }
        String kept = paid ? null : reason.strip();
        if (kept != null && kept.length() > MAX_REASON) {
            kept = kept.substring(0, MAX_REASON);
        }
        results.add(new Result(payment, paid, kept));
    }

    private static String baht(BigDecimal amount) {
        return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(
                java.util.Locale.ROOT)).format(amount);
    }
}
