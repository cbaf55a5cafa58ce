package org.khlang.disbursement.web;

import java.math.BigDecimal;

import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;
import org.springframework.stereotype.Component;

/** Amounts on screens and documents: {@code @money.format(amount)} → "1,250.50", {@code @money.words(amount)}. */
@Component("money")
public class MoneyFormat {

    public String format(BigDecimal amount) {
        return amount == null ? "" : Baht.format(amount);
    }

    public String words(BigDecimal amount) {
        return amount == null ? "" : BahtText.of(amount);
    }
}
