package org.khlang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-level canonical encoding is the one the chain has always used: each field as its UTF-8 length, a colon,
 * its bytes and a semicolon, {@code -1:;} for an absent one. Checked against that definition written out plainly.
 */
class ChainHasherTests {

    @Property(tries = 300)
    void theHashIsSha256OfThePreviousHashAndTheLengthPrefixedFields(
            @ForAll long sequence, @ForAll long micros,
            @ForAll @StringLength(max = 40) @Chars({'a', 'ก', '่', '\u200b', ':', ';', '-', '1'}) String actor,
            @ForAll @WithNull Long account, @ForAll @WithNull @StringLength(max = 5) String device,
            @ForAll @WithNull Long agency, @ForAll @StringLength(max = 30) String details) throws Exception {
        String previous = "ab".repeat(32);
        String expected = definition(previous, sequence, micros, actor, account, device, agency, "act", null, details);

        assertThat(new ChainHasher().hash(previous, sequence, micros, actor, account, device, agency, "act", null,
                details)).isEqualTo(expected);
    }

    @Test
    void aKnownEventHashesToItsKnownValue() throws Exception {
        ChainHasher hasher = new ChainHasher();
        String hash = hasher.hash(ChainHasher.GENESIS, 1, 1_739_145_600_000_000L, "สมศรี", 42L, null, 7L,
                "withdrawal.approved", "ขบ01-2568-1", "{\"amount\":\"101.00\"}");
        assertThat(hash).isEqualTo(definition(ChainHasher.GENESIS, 1, 1_739_145_600_000_000L, "สมศรี", 42L, null, 7L,
                "withdrawal.approved", "ขบ01-2568-1", "{\"amount\":\"101.00\"}"));
        // The canonical bytes for this event, spelled out: a change of encoding would break every stored chain.
        String canonical = "1:1;16:1739145600000000;15:สมศรี;2:42;-1:;1:7;19:withdrawal.approved;15:ขบ01-2568-1;"
                + "19:{\"amount\":\"101.00\"};";
        assertThat(hash).isEqualTo(sha256(ChainHasher.GENESIS + canonical));
    }

    private static String definition(String previous, long sequence, long micros, String actor, Long account,
                                     String device, Long agency, String action, String target, String details)
            throws Exception {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {Long.toString(sequence), Long.toString(micros), actor,
                account == null ? null : account.toString(), device, agency == null ? null : agency.toString(),
                action, target, details}) {
            if (field == null) {
                canonical.append("-1:;");
            } else {
                canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(';');
            }
        }
        return sha256(previous + canonical);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
