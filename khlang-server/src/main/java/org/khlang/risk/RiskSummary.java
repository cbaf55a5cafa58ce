package org.khlang.risk;

/** One agency's findings for the registrar: how many flags and holds, and how many holds still stand. */
public record RiskSummary(long agencyId, String agencyCode, String agencyName, int flags, int holds, int openHolds) {
}
