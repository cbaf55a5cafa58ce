package org.khlang.authority;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An appointment order (คำสั่งมอบหมาย) with its assignments and the attached signed order file. */
public record AppointmentOrder(long id, long agencyId, String number, LocalDate date, String signatory,
                               OrderState state, String fileName, String fileSha256, Integer fileSize,
                               List<Assignment> assignments, Instant submittedAt, Instant reviewedAt,
                               String reviewReason, OrderKind kind) {

    public AppointmentOrder {
        assignments = List.copyOf(assignments);
    }

    public boolean hasFile() {
        return fileSha256 != null;
    }
}
