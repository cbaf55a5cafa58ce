package org.khlang.calendar;

import java.time.LocalDate;

/** An official holiday: not a business day. */
public record Holiday(LocalDate date, String nameTh, String nameEn) {
}
