package org.khlang.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.Payment;

/**
 * A bank's ISO 20022 answers to a Khlang batch, written the way a Thai bank writes them, following the structure of
 * the message definitions (pain.002.001.10, camt.054.001.08): banks by their BIC (Krungthai KRTHTHBK as the
 * treasury's bank), transfers by the EndToEndId Khlang gave them.
 */
public final class BankFiles {

    /** BICs of Thai banks by their Bank of Thailand code. */
    public static final Map<String, String> BICS = Map.of("002", "BKKBTHBK", "004", "KASITHBK", "006", "KRTHTHBK",
            "014", "SICOTHBK", "025", "AYUDTHBK", "030", "GSBATHBK", "034", "BAABTHBK");

    /** One transfer's status in a pain.002: code ACSC, ACCC, RJCT, ACSP...; reason for RJCT (e.g. AC04). */
    public record Status(Payment payment, String code, String reason, BigDecimal amount) {

        public static Status of(Payment payment, String code) {
            return new Status(payment, code, null, payment.amount());
        }

        public static Status rejected(Payment payment, String reason) {
            return new Status(payment, "RJCT", reason, payment.amount());
        }
    }

    /** One booked transfer in a camt.054: a debit paid, or a credit that returns it with a reason. */
    public record Booking(Payment payment, boolean returned, String reason, String status) {

        public static Booking debit(Payment payment) {
            return new Booking(payment, false, null, "BOOK");
        }

        public static Booking returned(Payment payment, String reason) {
            return new Booking(payment, true, reason, "BOOK");
        }
    }

    private BankFiles() {
    }

    public static byte[] pain002(String messageId, String groupStatus, List<Status> transactions) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
                  <CstmrPmtStsRpt>
                    <GrpHdr>
                      <MsgId>KTB-PSR-20261208-0001</MsgId>
                      <CreDtTm>2026-12-08T09:30:00+07:00</CreDtTm>
                      <DbtrAgt><FinInstnId><BICFI>KRTHTHBK</BICFI></FinInstnId></DbtrAgt>
                    </GrpHdr>
                    <OrgnlGrpInfAndSts>
                      <OrgnlMsgId>%s</OrgnlMsgId>
                      <OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
                """.formatted(messageId));
        if (groupStatus != null) {
            xml.append("      <GrpSts>").append(groupStatus).append("</GrpSts>\n");
        }
        xml.append("""
                    </OrgnlGrpInfAndSts>
                    <OrgnlPmtInfAndSts>
                      <OrgnlPmtInfId>%s</OrgnlPmtInfId>
                """.formatted(messageId));
        for (Status status : transactions) {
            Payment payment = status.payment();
            xml.append("      <TxInfAndSts>\n")
                    .append("        <OrgnlEndToEndId>").append(payment.endToEndId()).append("</OrgnlEndToEndId>\n")
                    .append("        <TxSts>").append(status.code()).append("</TxSts>\n");
            if (status.reason() != null) {
                xml.append("        <StsRsnInf><Rsn><Cd>").append(status.reason())
                        .append("</Cd></Rsn><AddtlInf>แจ้งจากธนาคารปลายทาง</AddtlInf></StsRsnInf>\n");
            }
            xml.append("        <OrgnlTxRef>\n")
                    .append("          <Amt><InstdAmt Ccy=\"THB\">").append(status.amount().toPlainString())
                    .append("</InstdAmt></Amt>\n")
                    .append("          <ReqdExctnDt><Dt>2026-12-08</Dt></ReqdExctnDt>\n")
                    .append("          <CdtrAgt><FinInstnId><BICFI>")
                    .append(BICS.getOrDefault(payment.account().bankCode(), "KRTHTHBK"))
                    .append("</BICFI></FinInstnId></CdtrAgt>\n")
                    .append("          <CdtrAcct><Id><Othr><Id>").append(payment.account().number())
                    .append("</Id></Othr></Id></CdtrAcct>\n")
                    .append("        </OrgnlTxRef>\n")
                    .append("      </TxInfAndSts>\n");
        }
        xml.append("    </OrgnlPmtInfAndSts>\n  </CstmrPmtStsRpt>\n</Document>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] camt054(String messageId, String treasuryAccount, List<Booking> bookings) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                  <BkToCstmrDbtCdtNtfctn>
                    <GrpHdr>
                      <MsgId>KTB-NTF-20261208-0001</MsgId>
                      <CreDtTm>2026-12-08T16:00:00+07:00</CreDtTm>
                    </GrpHdr>
                    <Ntfctn>
                      <Id>KTB-NTF-20261208-0001-1</Id>
                      <CreDtTm>2026-12-08T16:00:00+07:00</CreDtTm>
                      <Acct>
                        <Id><Othr><Id>%s</Id></Othr></Id>
                        <Ccy>THB</Ccy>
                        <Svcr><FinInstnId><BICFI>KRTHTHBK</BICFI></FinInstnId></Svcr>
                      </Acct>
                """.formatted(treasuryAccount));
        int reference = 1;
        for (Booking booking : bookings) {
            Payment payment = booking.payment();
            String amount = payment.amount().toPlainString();
            xml.append("      <Ntry>\n")
                    .append("        <NtryRef>").append(reference++).append("</NtryRef>\n")
                    .append("        <Amt Ccy=\"THB\">").append(amount).append("</Amt>\n")
                    .append("        <CdtDbtInd>").append(booking.returned() ? "CRDT" : "DBIT").append("</CdtDbtInd>\n")
                    .append("        <Sts><Cd>").append(booking.status()).append("</Cd></Sts>\n")
                    .append("        <BookgDt><Dt>2026-12-08</Dt></BookgDt>\n")
                    .append("        <ValDt><Dt>2026-12-08</Dt></ValDt>\n")
                    .append("        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>")
                    .append(booking.returned() ? "RRTN" : "DMCT").append("</SubFmlyCd></Fmly></Domn></BkTxCd>\n")
                    .append("        <NtryDtls><TxDtls>\n")
                    .append("          <Refs><MsgId>").append(messageId).append("</MsgId><PmtInfId>").append(messageId)
                    .append("</PmtInfId><EndToEndId>").append(payment.endToEndId()).append("</EndToEndId></Refs>\n")
                    .append("          <Amt Ccy=\"THB\">").append(amount).append("</Amt>\n")
                    .append("          <CdtDbtInd>").append(booking.returned() ? "CRDT" : "DBIT").append("</CdtDbtInd>\n");
            if (booking.returned()) {
                xml.append("          <RtrInf><Rsn><Cd>").append(booking.reason())
                        .append("</Cd></Rsn><AddtlInf>คืนเงินจากธนาคารผู้รับ</AddtlInf></RtrInf>\n");
            }
            xml.append("        </TxDtls></NtryDtls>\n").append("      </Ntry>\n");
        }
        xml.append("    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
