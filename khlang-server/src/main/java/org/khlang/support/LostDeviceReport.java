package org.khlang.support;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A lost phone reported by its holder or by the Contact Center: the Soft Token was suspended at {@code reportedAt};
 * the agency head's letter is due by the end of {@code letterDue} (3 business days after the loss date).
 */
public record LostDeviceReport(long id, long accountId, Long agencyId, String username, String holderName,
                               LocalDate lossDate, Instant reportedAt, Channel channel, String callNote,
                               LocalDate letterDue, String letterName, String letterSha256, Instant letterFiledAt,
                               Instant letterAcceptedAt, Instant replacementApprovedAt, Status status) {

    public enum Channel {
        SELF, HELPDESK
    }

    public enum Status {
        /** Letter not filed, still in time. */
        LETTER_DUE,
        /** Letter not filed and the due day has passed: flagged, with the liability notice of the letter. */
        LETTER_OVERDUE,
        /** Letter filed (late if after the due day), waiting for the registrar. */
        LETTER_FILED,
        /** Letter accepted by the registrar. */
        LETTER_ACCEPTED
    }

    public boolean filedLate() {
        return letterFiledAt != null && letterFiledAt.isAfter(letterDue.plusDays(1)
                .atStartOfDay(java.time.ZoneId.of("Asia/Bangkok")).toInstant());
    }

    public boolean flagged() {
        return status == Status.LETTER_OVERDUE || filedLate();
    }
}
