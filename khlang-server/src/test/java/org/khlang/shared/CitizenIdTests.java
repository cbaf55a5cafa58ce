package org.khlang.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenIdTests {

    @Test
    void acceptsANumberWhoseCheckDigitMatches() {
        // 1-1017-00230-70-? : sum of d[i]*(13-i) = 1*13+1*12+0+1*10+7*9+0+0+2*6+3*5+0+7*3+0 = 146; (11-146%11)%10 = 8
        CitizenId id = CitizenId.of("1-1017-00230-70-8");

        assertThat(id.value()).isEqualTo("1101700230708");
        assertThat(id.formatted()).isEqualTo("1-1017-00230-70-8");
        assertThat(id.masked()).isEqualTo("x-xxxx-xxxxx-70-8");
        assertThat(id.toString()).doesNotContain("1101700230");
    }

    @Test
    void rejectsAWrongCheckDigitWithItsOwnMessage() {
        assertThatThrownBy(() -> CitizenId.of("1101700230707"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("citizenId.checkDigit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "11017002307081", "110170023070a", "0101700230708", "๑๑๐๑๗๐๐๒๓๐๗๐๘"})
    void rejectsWhatIsNotThirteenDigits(String text) {
        assertThatThrownBy(() -> CitizenId.of(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("citizenId.format"));
    }

    @Test
    void completesTwelveDigitsWithTheirCheckDigit() {
        assertThat(CitizenId.completing("110170023070").value()).isEqualTo("1101700230708");
    }
}
