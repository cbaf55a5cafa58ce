package org.khlang.shared;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;

/** The CSV dialect Khlang reads: RFC 4180, a header row, surrounding blanks trimmed, UTF-8 with or without BOM. */
public final class CsvFormats {

    private CsvFormats() {
    }

    public static CSVFormat withHeader() {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();
    }

    /**
     * Decodes an uploaded file as strict UTF-8 and drops a leading byte-order mark. A file that is not UTF-8
     * (say, a TIS-620 export) is refused rather than read as garbled Thai, and so is a file holding a NUL character.
     */
    public static Reader utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.indexOf(0) >= 0) {
                // PostgreSQL cannot store a NUL in text; no real export contains one.
                throw new InvalidValueException("import.nulCharacter");
            }
            return new StringReader(text);
        } catch (CharacterCodingException notUtf8) {
            throw new InvalidValueException("import.notUtf8");
        }
    }
}
