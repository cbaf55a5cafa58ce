package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLStreamException;

import org.khlang.disbursement.Payment;

/**
 * Reads an ISO 20022 customer payment status report (pain.002.001.10) that a bank sends for a pain.001 batch, after
 * the official schema has accepted it. A transaction takes its own status, failing that the status of its payment
 * information block, failing that the group's; ACSC and ACCC are paid, RJCT is failed with its reason code, and the
 * statuses on the way (ACTC, ACCP, ACSP, ACWC, PDNG, RCVD, PART) change nothing yet. A final group or block status
 * with no transaction listed settles every transfer of the batch that the file does not name.
 */
final class Pain002 {

    private static final Set<String> PAID = Set.of("ACSC", "ACCC");
    private static final Set<String> PENDING = Set.of("ACTC", "ACCP", "ACSP", "ACWC", "ACWP", "PDNG", "RCVD", "PART");

    /** A status with its reason and the line it was read from, at transaction, block or group level. */
    private static final class Status {
        long line;
        String code;
        String reasonCode;
        String reasonText = "";
    }

    private static final class Transaction {
        long line;
        String endToEndId;
        BigDecimal amount;
        String currency;
        final Status status = new Status();
        Status block;
    }

    private Pain002() {
    }

    /** What the walk gathers: the group's status, each block's, each transaction, and the original ids. */
    private static final class Report extends Iso20022Walk {
        final Status group = new Status();
        final List<Status> blocks = new ArrayList<>();
        final List<Transaction> transactions = new ArrayList<>();
        final long[] messageLine = {1};
        final String[] original = {null, null};
        Transaction current;

        @Override
        void open(String path, long line, String currency) {
            switch (path) {
                case "OrgnlPmtInfAndSts" -> {
                    Status block = new Status();
                    block.line = line;
                    blocks.add(block);
                }
                case "OrgnlPmtInfAndSts/TxInfAndSts" -> {
                    current = new Transaction();
                    current.line = line;
                    current.status.line = line;
                    current.block = blocks.getLast();
                }
                case "OrgnlPmtInfAndSts/TxInfAndSts/OrgnlTxRef/Amt/InstdAmt" -> current.currency = currency;
                default -> {
                }
            }
        }

        @Override
        void close(String path, long line, String text) {
            Status block = blocks.isEmpty() ? null : blocks.getLast();
            switch (path) {
                case "OrgnlGrpInfAndSts/OrgnlMsgId" -> {
                    original[0] = text;
                    messageLine[0] = line;
                }
                case "OrgnlGrpInfAndSts/GrpSts" -> status(group, line, text);
                case "OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd", "OrgnlGrpInfAndSts/StsRsnInf/Rsn/Prtry" ->
                        group.reasonCode = first(group.reasonCode, text);
                case "OrgnlGrpInfAndSts/StsRsnInf/AddtlInf" -> group.reasonText += text;
                case "OrgnlPmtInfAndSts/OrgnlPmtInfId" -> original[1] = text;
                case "OrgnlPmtInfAndSts/PmtInfSts" -> status(block, line, text);
                case "OrgnlPmtInfAndSts/StsRsnInf/Rsn/Cd", "OrgnlPmtInfAndSts/StsRsnInf/Rsn/Prtry" ->
                        block.reasonCode = first(block.reasonCode, text);
                case "OrgnlPmtInfAndSts/StsRsnInf/AddtlInf" -> block.reasonText += text;
                case "OrgnlPmtInfAndSts/TxInfAndSts/OrgnlEndToEndId" -> current.endToEndId = text;
                case "OrgnlPmtInfAndSts/TxInfAndSts/TxSts" -> status(current.status, line, text);
                case "OrgnlPmtInfAndSts/TxInfAndSts/StsRsnInf/Rsn/Cd",
                     "OrgnlPmtInfAndSts/TxInfAndSts/StsRsnInf/Rsn/Prtry" ->
                        current.status.reasonCode = first(current.status.reasonCode, text);
                case "OrgnlPmtInfAndSts/TxInfAndSts/StsRsnInf/AddtlInf" -> current.status.reasonText += text;
                case "OrgnlPmtInfAndSts/TxInfAndSts/OrgnlTxRef/Amt/InstdAmt" -> current.amount = new BigDecimal(text);
                case "OrgnlPmtInfAndSts/TxInfAndSts" -> transactions.add(current);
                default -> {
                }
            }
        }
    }

    static void read(byte[] document, String messageId, BankResultMatch match) throws XMLStreamException {
        Report report = new Report();
        report.walk(document);
        Status group = report.group;
        List<Status> blocks = report.blocks;
        List<Transaction> transactions = report.transactions;
        long[] messageLine = report.messageLine;
        String[] original = report.original;
        if (!messageId.equals(original[0])) {
            match.refuse(messageLine[0], "OrgnlMsgId", "payment.result.otherBatch", original[0], messageId);
            return;
        }
        for (Status block : blocks) {
            if (original[1] != null && !messageId.equals(original[1])) {
                match.refuse(block.line, "OrgnlPmtInfId", "payment.result.otherBatch", original[1], messageId);
                return;
            }
        }
        for (Transaction transaction : transactions) {
            if (transaction.endToEndId == null || transaction.endToEndId.isBlank()) {
                match.refuse(transaction.line, "OrgnlEndToEndId", "payment.result.noReference");
                continue;
            }
            Status status = transaction.status.code != null ? transaction.status
                    : transaction.block.code != null ? transaction.block : group;
            offer(match, transaction.line, transaction.endToEndId, status, transaction.amount, transaction.currency);
        }
        Status inherited = blocks.stream().filter(block -> block.code != null).findFirst().orElse(group);
        if (inherited.code != null && (PAID.contains(inherited.code) || inherited.code.equals("RJCT"))) {
            for (Payment unnamed : match.unnamed()) {
                offer(match, inherited.line, unnamed.endToEndId(), inherited, null, null);
            }
        }
    }

    private static void offer(BankResultMatch match, long line, String id, Status status, BigDecimal amount,
                              String currency) {
        if (status.code == null) {
            match.refuse(line, "TxSts", "payment.result.noStatus", id);
        } else if (PAID.contains(status.code)) {
            match.offer(line, id, BankResultMatch.Outcome.PAID, null, amount, currency);
        } else if (status.code.equals("RJCT")) {
            match.offer(line, id, BankResultMatch.Outcome.FAILED,
                    BankReasonCodes.describe(status.reasonCode, status.reasonText), amount, currency);
        } else if (PENDING.contains(status.code)) {
            match.offer(line, id, BankResultMatch.Outcome.PENDING, null, amount, currency);
        } else {
            match.refuse(status.line, "TxSts", "payment.result.status", status.code);
        }
    }

    private static void status(Status status, long line, String code) {
        status.code = code;
        status.line = line;
    }

    private static String first(String kept, String text) {
        return kept == null ? text : kept;
    }
}
