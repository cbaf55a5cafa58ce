package org.khlang.disbursement.internal;

import java.nio.charset.StandardCharsets;

import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;

/** Attached evidence, judged by its content rather than its name: PDF, JPEG or PNG, at most 10 MB. */
final class Evidence {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_FILES = 20;

    private Evidence() {
    }

    static String contentType(byte[] content) {
        if (content == null || content.length == 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "attachment.required");
        }
        if (content.length > MAX_BYTES) {
            throw new KhlangProblem(ProblemKind.INVALID, "attachment.tooLarge", MAX_BYTES / 1024 / 1024);
        }
        String head = new String(content, 0, Math.min(content.length, 8), StandardCharsets.ISO_8859_1);
        if (head.startsWith("%PDF-")) {
            int tailStart = Math.max(0, content.length - 1024);
            if (new String(content, tailStart, content.length - tailStart, StandardCharsets.ISO_8859_1)
                    .contains("%%EOF")) {
                return "application/pdf";
            }
        } else if (content.length > 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8
                && (content[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        } else if (content.length > 8 && (content[0] & 0xFF) == 0x89 && head.startsWith("PNG", 1)) {
            return "image/png";
        }
        throw new KhlangProblem(ProblemKind.INVALID, "attachment.type");
    }

    /** The name people gave the file, without any path, control characters or more than 200 characters. */
    static String fileName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (base.isEmpty()) {
            base = "attachment";
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
