package org.khlang.disbursement;

import org.khlang.shared.InvalidValueException;

/** A payee's bank account: bank code, account number (digits only, the bank's length) and account name. */
public record BankAccount(String bankCode, String number, String name) {

    public BankAccount {
        bankCode = bankCode == null ? "" : bankCode.strip();
        number = number == null ? "" : number.strip().replace("-", "").replace(" ", "");
        name = name == null ? "" : name.strip();
        ThaiBanks.Bank bank = ThaiBanks.byCode(bankCode)
                .orElseThrow(() -> new InvalidValueException("bank.unknown"));
        if (!number.matches("[0-9]+")) {
            throw new InvalidValueException("bank.account.digits");
        }
        if (number.length() != bank.accountDigits()) {
            throw new InvalidValueException("bank.account.length", bank.nameTh(), bank.accountDigits());
        }
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidValueException("bank.account.name");
        }
    }

    /** 1234567890 → "xxxxx6789x": four digits are shown, as on approval screens and phones. */
    public String masked() {
        String tail = number.substring(number.length() - 5, number.length() - 1);
        return "x".repeat(number.length() - 5) + tail + "x";
    }

    public String bankNameTh() {
        return ThaiBanks.byCode(bankCode).map(ThaiBanks.Bank::nameTh).orElse(bankCode);
    }
}
