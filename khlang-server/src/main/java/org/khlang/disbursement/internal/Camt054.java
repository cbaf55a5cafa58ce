package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

/**
 * Reads an ISO 20022 debit/credit notification (camt.054.001.08) of the agency's treasury account, after the
 * official schema has accepted it. A booked debit (status BOOK) whose EndToEndId names a transfer of the batch is
 * paid. A booked credit that returns a transfer (it carries return information, or is marked as a reversal) fails
 * it, with the return reason code; a debit and its return in the same file leave the transfer failed. Pending and
 * information-only entries change nothing yet.
 */
final class Camt054 {

    private static final class Entry {
        long line;
        BigDecimal amount;
        String currency;
        String direction;
        boolean reversal;
        String status;
        final List<Detail> details = new ArrayList<>();
    }

    private static final class Detail {
        long line;
        String endToEndId;
        String messageId;
        String paymentInformationId;
        BigDecimal amount;
        String currency;
        String direction;
        boolean returned;
        String reasonCode;
        String reasonText = "";
    }

    /** What the file says of one transfer so far. */
    private record Said(long line, BankResultMatch.Outcome outcome, String reason, BigDecimal amount,
                        String currency) {
    }

    private Camt054() {
    }

    static void read(byte[] document, String messageId, BankResultMatch match) throws XMLStreamException {
        List<Entry> entries = new ArrayList<>();
        new Iso20022Walk() {
            Entry entry;
            Detail detail;

            @Override
            void open(String path, long line, String currency) {
                switch (path) {
                    case "Ntfctn/Ntry" -> {
                        entry = new Entry();
                        entry.line = line;
                    }
                    case "Ntfctn/Ntry/Amt" -> entry.currency = currency;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls" -> {
                        detail = new Detail();
                        detail.line = line;
                    }
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/Amt" -> detail.currency = currency;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/RtrInf" -> detail.returned = true;
                    default -> {
                    }
                }
            }

            @Override
            void close(String path, long line, String text) {
                switch (path) {
                    case "Ntfctn/Ntry/Amt" -> entry.amount = new BigDecimal(text);
                    case "Ntfctn/Ntry/CdtDbtInd" -> entry.direction = text;
                    case "Ntfctn/Ntry/RvslInd" -> entry.reversal = Boolean.parseBoolean(text) || text.equals("1");
                    case "Ntfctn/Ntry/Sts/Cd", "Ntfctn/Ntry/Sts/Prtry" -> entry.status = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/Refs/EndToEndId" -> detail.endToEndId = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/Refs/MsgId" -> detail.messageId = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/Refs/PmtInfId" -> detail.paymentInformationId = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/Amt" -> detail.amount = new BigDecimal(text);
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/CdtDbtInd" -> detail.direction = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/RtrInf/Rsn/Cd",
                         "Ntfctn/Ntry/NtryDtls/TxDtls/RtrInf/Rsn/Prtry" -> detail.reasonCode = text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls/RtrInf/AddtlInf" -> detail.reasonText += text;
                    case "Ntfctn/Ntry/NtryDtls/TxDtls" -> entry.details.add(detail);
                    case "Ntfctn/Ntry" -> entries.add(entry);
                    default -> {
                    }
                }
            }
        }.walk(document);

        Map<String, Said> said = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.details.isEmpty()) {
                match.refuse(entry.line, "NtryDtls", "payment.result.noReference");
            }
            for (Detail detail : entry.details) {
                read(entry, detail, messageId, match, said);
            }
        }
        said.forEach((id, what) -> match.offer(what.line(), id, what.outcome(), what.reason(), what.amount(),
                what.currency()));
    }

    private static void read(Entry entry, Detail detail, String messageId, BankResultMatch match,
                             Map<String, Said> said) {
        for (String reference : new String[] {detail.messageId, detail.paymentInformationId}) {
            if (reference != null && !reference.equals(messageId)) {
                match.refuse(detail.line, "Refs", "payment.result.otherBatch", reference, messageId);
                return;
            }
        }
        String id = detail.endToEndId;
        if (id == null || id.isBlank() || id.equals("NOTPROVIDED")) {
            match.refuse(detail.line, "EndToEndId", "payment.result.noReference");
            return;
        }
        BigDecimal amount = detail.amount != null ? detail.amount
                : entry.details.size() == 1 ? entry.amount : null;
        String currency = detail.amount != null ? detail.currency : entry.currency;
        if (amount == null) {
            match.refuse(detail.line, "Amt", "payment.result.noAmount", id);
            return;
        }
        String direction = detail.direction != null ? detail.direction : entry.direction;
        BankResultMatch.Outcome outcome;
        String reason = null;
        if ("PDNG".equals(entry.status) || "INFO".equals(entry.status) || "FUTR".equals(entry.status)) {
            outcome = BankResultMatch.Outcome.PENDING;
        } else if (!"BOOK".equals(entry.status)) {
            match.refuse(entry.line, "Sts", "payment.result.status", entry.status);
            return;
        } else if (direction.equals("DBIT") && !entry.reversal && !detail.returned) {
            outcome = BankResultMatch.Outcome.PAID;
        } else if (direction.equals("CRDT") && (entry.reversal || detail.returned)) {
            outcome = BankResultMatch.Outcome.FAILED;
            reason = BankReasonCodes.describe(detail.reasonCode, detail.reasonText);
        } else {
            match.refuse(detail.line, "CdtDbtInd", "payment.result.unexpectedEntry", id, direction);
            return;
        }
        Said earlier = said.get(id);
        Said now = new Said(detail.line, outcome, reason, amount, currency);
        if (earlier == null || earlier.outcome() == BankResultMatch.Outcome.PENDING) {
            said.put(id, now);
        } else if (outcome == BankResultMatch.Outcome.FAILED && earlier.outcome() == BankResultMatch.Outcome.PAID) {
            // The debit and its return in one file: the money came back, the transfer failed.
            said.put(id, now);
        } else if (!(outcome == BankResultMatch.Outcome.PENDING
                || outcome == BankResultMatch.Outcome.PAID && earlier.outcome() == BankResultMatch.Outcome.FAILED)) {
            match.refuse(detail.line, "EndToEndId", "payment.result.duplicate", id);
        }
    }
}
