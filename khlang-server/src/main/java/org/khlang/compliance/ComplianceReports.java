package org.khlang.compliance;

/** Builds the compliance report for internal audit. */
public interface ComplianceReports {

    /** The report for one agency, or for every agency with {@code null} (an auditor of the Comptroller General). */
    ComplianceReport report(Long agencyId);
}
