package org.khlang.shared.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import org.khlang.shared.CsvFormats;
import org.khlang.shared.InvalidValueException;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded CSV files: present, within the size limit, and strict UTF-8 (with or without a BOM). */
public final class Uploads {

    private Uploads() {
    }

    public static Reader csv(MultipartFile file, long maxBytes) {
        if (file == null || file.isEmpty()) {
            throw new InvalidValueException("import.fileRequired");
        }
        if (file.getSize() > maxBytes) {
            throw new InvalidValueException("import.tooLarge");
        }
        try {
            return CsvFormats.utf8(file.getBytes());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
