package org.khlang.disbursement.internal;

import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.khlang.disbursement.PaymentBatch;

/**
 * A bank's answer to a direct-pay batch, in whichever form it came: an ISO 20022 payment status report (pain.002),
 * a debit/credit notification (camt.054), each checked against its official schema before a line of it is read, or
 * Khlang's CSV. The result names every error, or holds what is to be applied.
 */
final class BankResultFiles {

    private BankResultFiles() {
    }

    static BankResultMatch read(byte[] file, PaymentBatch batch) {
        if (!looksLikeXml(file)) {
            return BankResultCsv.parse(file, batch.payments());
        }
        BankResultMatch match = new BankResultMatch(batch.payments());
        String namespace = Iso20022Schemas.rootNamespace(file);
        Iso20022Schemas.Message message;
        if (namespace.equals(Iso20022Schemas.Message.PAIN_002.namespace)) {
            message = Iso20022Schemas.Message.PAIN_002;
        } else if (namespace.equals(Iso20022Schemas.Message.CAMT_054.namespace)) {
            message = Iso20022Schemas.Message.CAMT_054;
        } else {
            match.refuse(1, "", "payment.result.format", namespace.isEmpty() ? "-" : namespace);
            return match;
        }
        match.format = message.id;
        List<Iso20022Schemas.Violation> violations = Iso20022Schemas.violations(message, file);
        if (!violations.isEmpty()) {
            violations.forEach(violation -> match.refuse(violation.line(), "", "payment.result.schema", message.id,
                    violation.message()));
            return match;
        }
        try {
            if (message == Iso20022Schemas.Message.PAIN_002) {
                Pain002.read(file, batch.messageId(), match);
            } else {
                Camt054.read(file, batch.messageId(), match);
            }
        } catch (XMLStreamException unreadable) {
            match.refuse(1, "", "payment.result.schema", message.id, unreadable.getMessage());
        }
        if (match.errors.isEmpty() && match.results.isEmpty() && match.unchanged == 0 && match.pending == 0) {
            match.refuse(1, "", "import.empty");
        }
        return match;
    }

    /** XML begins with {@code <} after an optional byte-order mark and white space; a CSV never does. */
    private static boolean looksLikeXml(byte[] file) {
        int i = file.length >= 3 && (file[0] & 0xFF) == 0xEF && (file[1] & 0xFF) == 0xBB && (file[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (i < file.length && (file[i] == ' ' || file[i] == '\t' || file[i] == '\r' || file[i] == '\n')) {
            i++;
        }
        return i < file.length && file[i] == '<';
    }
}
