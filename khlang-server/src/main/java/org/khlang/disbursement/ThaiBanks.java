package org.khlang.disbursement;

import java.util.Map;
import java.util.Optional;

/**
 * Banks that direct pay credits, by their three-digit Bank of Thailand code, with the length of their account
 * numbers. Account numbers carry no public check digit, so length and digits are what can be checked.
 */
public final class ThaiBanks {

    public record Bank(String code, String nameTh, String nameEn, int accountDigits) {
    }

    private static final Map<String, Bank> BANKS = Map.ofEntries(
            bank("002", "ธนาคารกรุงเทพ", "Bangkok Bank", 10),
            bank("004", "ธนาคารกสิกรไทย", "Kasikornbank", 10),
            bank("006", "ธนาคารกรุงไทย", "Krungthai Bank", 10),
            bank("011", "ธนาคารทหารไทยธนชาต", "TMBThanachart Bank", 10),
            bank("014", "ธนาคารไทยพาณิชย์", "Siam Commercial Bank", 10),
            bank("022", "ธนาคารซีไอเอ็มบี ไทย", "CIMB Thai Bank", 10),
            bank("024", "ธนาคารยูโอบี", "United Overseas Bank (Thai)", 10),
            bank("025", "ธนาคารกรุงศรีอยุธยา", "Bank of Ayudhya", 10),
            bank("030", "ธนาคารออมสิน", "Government Savings Bank", 12),
            bank("033", "ธนาคารอาคารสงเคราะห์", "Government Housing Bank", 12),
            bank("034", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "Bank for Agriculture and Agricultural Cooperatives", 12),
            bank("066", "ธนาคารอิสลามแห่งประเทศไทย", "Islamic Bank of Thailand", 10),
            bank("067", "ธนาคารทิสโก้", "TISCO Bank", 10),
            bank("069", "ธนาคารเกียรตินาคินภัทร", "Kiatnakin Phatra Bank", 10),
            bank("073", "ธนาคารแลนด์ แอนด์ เฮ้าส์", "Land and Houses Bank", 10));

    private ThaiBanks() {
    }

    private static Map.Entry<String, Bank> bank(String code, String th, String en, int digits) {
        return Map.entry(code, new Bank(code, th, en, digits));
    }

    public static Optional<Bank> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BANKS.get(code.strip()));
    }

    public static java.util.List<Bank> all() {
        return BANKS.values().stream().sorted(java.util.Comparator.comparing(Bank::code)).toList();
    }
}
