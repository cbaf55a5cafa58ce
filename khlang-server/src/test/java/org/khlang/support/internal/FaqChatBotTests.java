package org.khlang.support.internal;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.khlang.support.ChatAnswer;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("R15")
class FaqChatBotTests {

    static final FaqChatBot BOT = new FaqChatBot();

    @Test
    void thaiIsSegmentedIntoWordsWithoutInvisibleCharacters() {
        assertThat(FaqChatBot.words("โทรศัพท์หาย\u200Bต้องทำอย่างไร")).contains("โทรศัพท์", "หาย", "ทำ");
        assertThat(FaqChatBot.words("Soft Token ลงทะเบียน")).contains("soft", "token", "ทะเบียน");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
        "ทำโทรศัพท์หายค่ะ ต้องทำยังไง; lost-phone",
        "มือถือถูกขโมยครับ; lost-phone",
        "ลืมรหัสผ่าน; password-forgot",
        "จำรหัสผ่านไม่ได้ครับ; password-forgot",
        "ต้องเปลี่ยนรหัสผ่านทุกกี่เดือน; password-expiry",
        "ลงทะเบียน Soft Token ได้ถึงวันไหน; register-when",
        "ขั้นตอนการลงทะเบียนเปิดใช้งาน Soft Token; register-how",
        "ตัวเลขบนหน้าจอคืออะไร; login-number",
        "โทรศัพท์ไม่มีอินเทอร์เน็ตจะเข้าระบบอย่างไร; login-offline",
        "ใช้เครื่องใหม่ต้องทำอย่างไร; new-phone",
        "เบอร์โทร Contact Center; contact",
    })
    void answersTheSampleQuestionsFromTheFaq(String question, String expected) {
        ChatAnswer answer = BOT.ask(question);
        assertThat(answer.escalate()).as(question).isFalse();
        assertThat(answer.faqId()).as(question).isEqualTo(expected);
        assertThat(answer.answer()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ราคาทองวันนี้เท่าไร", "พรุ่งนี้ฝนตกไหม", "", "   ", "<script>alert(1)</script>"})
    void handsOverToATicketWhenItDoesNotKnow(String question) {
        ChatAnswer answer = BOT.ask(question);
        assertThat(answer.escalate()).isTrue();
        assertThat(answer.answer()).isNull();
    }
}
