package org.khlang.hostile;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;
import org.khlang.shared.CitizenId;
import org.khlang.shared.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text given as a citizen ID or an amount is either accepted whole or refused with a clear reason. */
class ValueObjectProperties {

    @Property(tries = 2000)
    void anyTextIsACitizenIdOrARefusalWithAReason(@ForAll("hostile") String text) {
        try {
            CitizenId id = CitizenId.of(text);
            assertThat(id.value()).matches("[1-9][0-9]{12}");
        } catch (InvalidValueException refused) {
            assertThat(refused.code()).startsWith("citizenId.");
        }
    }

    @Property(tries = 2000)
    void anyTextIsAnAmountOrARefusalWithAReason(@ForAll("hostile") String text) {
        try {
            BigDecimal amount = Baht.parse(text);
            assertThat(amount.scale()).isEqualTo(2);
            assertThat(amount.signum()).isPositive();
            assertThat(amount).isLessThanOrEqualTo(Baht.MAX);
            String words = BahtText.of(amount);
            assertThat(words.endsWith("ถ้วน") || words.endsWith("สตางค์")).as(words).isTrue();
        } catch (InvalidValueException refused) {
            assertThat(refused.code()).startsWith("amount.");
        }
    }

    @Property(tries = 1000)
    void everyAmountOfTheColumnHasThaiWords(@ForAll("amounts") BigDecimal amount) {
        String words = BahtText.of(amount);
        assertThat(words).matches("[\\u0E00-\\u0E7F]+").doesNotContain("\u200B");
        assertThat(words.endsWith("ถ้วน") || words.endsWith("สตางค์")).isTrue();
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789,.-+eE ๐๑๒๓\u200B\u0E31\u0E48").ofMaxLength(25),
                Arbitraries.of("1e3", "-0", "NaN", "Infinity", "0x1F", "1,000.005", "' OR 1=1 --", "<script>",
                        "１２３", "1\u200B000", "\u0000", "9".repeat(40), "3-3000-00001-05-0", "1101700230708"));
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), Baht.MAX).ofScale(2);
    }
}
