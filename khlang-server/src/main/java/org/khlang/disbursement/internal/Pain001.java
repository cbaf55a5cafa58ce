package org.khlang.disbursement.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.khlang.disbursement.BankAccount;
import org.khlang.shared.Baht;

/**
 * Writes an ISO 20022 customer credit transfer initiation (pain.001.001.09) for a batch of direct-pay transfers in
 * Thai baht: one payment information block debiting the agency's treasury account, one credit transfer per payee,
 * creditor banks named by their Bank of Thailand clearing code (e.g. 006 Krungthai). Every file is checked against
 * the official schema and Khlang's profile of it before it is returned.
 */
final class Pain001 {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    record Transfer(String endToEndId, BigDecimal amount, BankAccount account, String remittance) {
    }

    record Batch(String messageId, OffsetDateTime createdAt, LocalDate executionDate, String debtorName,
                 String debtorAccount, String debtorBank, List<Transfer> transfers) {
    }

    private Pain001() {
    }

    /**
     * Checks a file against the official pain.001.001.09 schema and then against Khlang's narrower profile; an
     * invalid one is a defect here, never something to send to a bank.
     */
    static void validate(byte[] file) {
        Iso20022Schemas.require(Iso20022Schemas.Message.PAIN_001, file);
        Iso20022Schemas.require(Iso20022Schemas.Message.PAIN_001_PROFILE, file);
    }

    static byte[] write(Batch batch) {
        BigDecimal total = batch.transfers().stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + batch.transfers().size() * 700);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Document");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeStartElement("CstmrCdtTrfInitn");
            xml.writeStartElement("GrpHdr");
            text(xml, "MsgId", batch.messageId());
            text(xml, "CreDtTm", batch.createdAt().truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            text(xml, "NbOfTxs", Integer.toString(batch.transfers().size()));
            text(xml, "CtrlSum", Baht.canonical(total));
            xml.writeStartElement("InitgPty");
            text(xml, "Nm", limit(batch.debtorName(), 140));
            xml.writeEndElement();
            xml.writeEndElement();

            xml.writeStartElement("PmtInf");
            text(xml, "PmtInfId", batch.messageId());
            text(xml, "PmtMtd", "TRF");
            text(xml, "NbOfTxs", Integer.toString(batch.transfers().size()));
            text(xml, "CtrlSum", Baht.canonical(total));
            xml.writeStartElement("ReqdExctnDt");
            text(xml, "Dt", batch.executionDate().toString());
            xml.writeEndElement();
            xml.writeStartElement("Dbtr");
            text(xml, "Nm", limit(batch.debtorName(), 140));
            xml.writeEndElement();
            account(xml, "DbtrAcct", batch.debtorAccount());
            agent(xml, "DbtrAgt", batch.debtorBank());
            text(xml, "ChrgBr", "SLEV");
            for (Transfer transfer : batch.transfers()) {
                xml.writeStartElement("CdtTrfTxInf");
                xml.writeStartElement("PmtId");
                text(xml, "EndToEndId", transfer.endToEndId());
                xml.writeEndElement();
                xml.writeStartElement("Amt");
                xml.writeStartElement("InstdAmt");
                xml.writeAttribute("Ccy", "THB");
                xml.writeCharacters(Baht.canonical(transfer.amount()));
                xml.writeEndElement();
                xml.writeEndElement();
                agent(xml, "CdtrAgt", transfer.account().bankCode());
                xml.writeStartElement("Cdtr");
                text(xml, "Nm", limit(transfer.account().name(), 140));
                xml.writeEndElement();
                account(xml, "CdtrAcct", transfer.account().number());
                xml.writeStartElement("RmtInf");
                text(xml, "Ustrd", limit(transfer.remittance(), 140));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException impossible) {
            throw new IllegalStateException("could not write pain.001", impossible);
        }
        byte[] file = bytes.toByteArray();
        validate(file);
        return file;
    }

    private static void account(XMLStreamWriter xml, String name, String number) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeStartElement("Id");
        xml.writeStartElement("Othr");
        text(xml, "Id", number);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void agent(XMLStreamWriter xml, String name, String bankCode) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeStartElement("FinInstnId");
        xml.writeStartElement("ClrSysMmbId");
        xml.writeStartElement("ClrSysId");
        text(xml, "Prtry", "THBOT");
        xml.writeEndElement();
        text(xml, "MmbId", bankCode);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static String limit(String value, int length) {
        String text = value == null || value.isBlank() ? "-" : value.strip();
        return text.codePointCount(0, text.length()) <= length ? text
                : text.substring(0, text.offsetByCodePoints(0, length));
    }
}
