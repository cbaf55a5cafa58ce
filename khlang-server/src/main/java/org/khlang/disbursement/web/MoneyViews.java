package org.khlang.disbursement.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.khlang.disbursement.ApprovalCheck;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.Payment;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;

/** What the money API answers: amounts as strings with two decimals (never floating point) and in Thai words. */
final class MoneyViews {

    private MoneyViews() {
    }

    record BudgetLineView(long id, int fiscalYear, String budgetCode, String fundSource, String glCode,
                          String activity, String allotted, String reserved, String committed, String paid,
                          String available) {
        static BudgetLineView of(BudgetLine line) {
            return new BudgetLineView(line.id(), line.fiscalYear(), line.budgetCode(), line.fundSource(),
                    line.glCode(), line.activity(), Baht.canonical(line.allotted()), Baht.canonical(line.reserved()),
                    Baht.canonical(line.committed()), Baht.canonical(line.paid()), Baht.canonical(line.available()));
        }
    }

    record PayeeView(long id, String kind, String name, String taxId, String bankCode, String accountMasked,
                     String accountName, String taxStatus) {
        static PayeeView of(Payee payee) {
            return new PayeeView(payee.id(), payee.kind().name(), payee.name(), payee.taxId(),
                    payee.account().bankCode(), payee.account().masked(), payee.account().name(),
                    payee.taxStatus().name());
        }
    }

    record LineView(int number, Long budgetLineId, String glCode, String description, String invoiceRef,
                    String amount) {
    }

    record WithdrawalView(long id, String number, String displayNumber, String type, String state, long payeeId,
                          String purchaseOrder, String description, String total, String totalWords,
                          long recordedBy, Instant recordedAt, Long approval1By, Instant approval1At,
                          String approval1Sha256, List<LineView> lines, DeductionsView deductions, String net,
                          String netWords) {
        static WithdrawalView of(Withdrawal w) {
            return new WithdrawalView(w.id(), w.number(), w.displayNumber(), w.type().name(), w.state().name(),
                    w.payeeId(), w.purchaseOrder(), w.description(), Baht.canonical(w.total()),
                    BahtText.of(w.total()), w.recordedBy(), w.recordedAt(), w.approval1By(), w.approval1At(),
                    w.approval1Sha256(), w.lines().stream().map(line -> new LineView(line.number(),
                            line.budgetLineId(), line.glCode(), line.description(), line.invoiceRef(),
                            Baht.canonical(line.amount()))).toList(), DeductionsView.of(w.deductions()),
                    Baht.canonical(w.net()), BahtText.of(w.net()));
        }
    }

    /** The VAT a total includes, the withholding rate and tax, the fine and its reason, in canonical baht. */
    record DeductionsView(String vat, String withholdingRate, String withholdingTax, String fine, String fineReason) {
        static DeductionsView of(org.khlang.disbursement.Deductions d) {
            return new DeductionsView(Baht.canonical(d.vat()), d.rate().stripTrailingZeros().toPlainString(),
                    Baht.canonical(d.tax()), Baht.canonical(d.fine()), d.fineReason());
        }
    }

    record SigningView(String confirmationId, String contentSha256, int documents, String total, String totalWords) {
        static SigningView of(SigningRequest request) {
            return new SigningView(request.confirmationId(), request.contentSha256(), request.documents(),
                    Baht.canonical(request.total()), BahtText.of(request.total()));
        }
    }

    record PaymentView(long id, long withdrawalId, String endToEndId, String amount, String bankCode,
                       String accountMasked, String state, String resultReason) {
        static PaymentView of(Payment payment) {
            return new PaymentView(payment.id(), payment.withdrawalId(), payment.endToEndId(),
                    Baht.canonical(payment.amount()), payment.account().bankCode(), payment.account().masked(),
                    payment.state().name(), payment.resultReason());
        }
    }

    record BatchView(long id, String messageId, int itemCount, String total, String totalWords,
                     LocalDate executionDate, String manifestSha256, long approvedBy, Instant approvedAt,
                     List<PaymentView> payments) {
        static BatchView of(PaymentBatch batch) {
            return new BatchView(batch.id(), batch.messageId(), batch.itemCount(), Baht.canonical(batch.total()),
                    BahtText.of(batch.total()), batch.executionDate(), batch.manifestSha256(), batch.approvedBy(),
                    batch.approvedAt(), batch.payments().stream().map(PaymentView::of).toList());
        }
    }

    record CheckView(String kind, long approverAccountId, String deviceId, Instant signedAt, String recordedSha256,
                     String currentSha256, boolean signatureValid, boolean contentUnchanged, boolean valid) {
        static CheckView of(ApprovalCheck check) {
            return new CheckView(check.kind(), check.approverAccountId(), check.deviceId(), check.signedAt(),
                    check.recordedSha256(), check.currentSha256(), check.signatureValid(), check.contentUnchanged(),
                    check.valid());
        }
    }

    record ReceiptView(long id, String number, String displayNumber, java.time.LocalDate receivedOn, String payer,
                       String description, String method, String amount, boolean cancelled, Long remittanceId,
                       Instant remittedAt, Instant deadline, String rule, String status) {
        static ReceiptView of(org.khlang.disbursement.Receipt r) {
            return new ReceiptView(r.id(), r.number(), r.displayNumber(), r.receivedOn(), r.payer(), r.description(),
                    r.method().name(), Baht.canonical(r.amount()), r.cancelled(), r.remittanceId(), r.remittedAt(),
                    r.deadline(), r.rule().name(), r.status().name());
        }
    }

    record RemittanceView(long id, String number, String displayNumber, String total, String totalWords,
                          String cashTotal, String bankTotal, String state, Instant preparedAt, Long approvedBy,
                          Instant approvedAt, String contentSha256, List<Long> receiptIds) {
        static RemittanceView of(org.khlang.disbursement.Remittance m) {
            return new RemittanceView(m.id(), m.number(), m.displayNumber(), Baht.canonical(m.total()),
                    BahtText.of(m.total()), Baht.canonical(m.cashTotal()), Baht.canonical(m.bankTotal()),
                    m.state().name(), m.preparedAt(), m.approvedBy(), m.approvedAt(), m.contentSha256(),
                    m.receiptIds());
        }
    }

    static BigDecimal total(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
