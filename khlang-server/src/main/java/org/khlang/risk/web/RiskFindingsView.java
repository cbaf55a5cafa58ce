package org.khlang.risk.web;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskChecks;
import org.khlang.risk.RiskFinding;
import org.springframework.stereotype.Component;

/**
 * The findings as the money pages show them to the approver ({@code @riskFindings} in the templates): on a document's
 * page every finding, on the list waiting for approval 2 a badge per document with a hold standing.
 */
@Component("riskFindings")
public class RiskFindingsView {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private final RiskChecks risk;

    RiskFindingsView(RiskChecks risk) {
        this.risk = risk;
    }

    public List<RiskFinding> forDocument(long withdrawalId) {
        return risk.forDocument(withdrawalId);
    }

    /** A finding's evidence as its named values, sorted by name, for the finding's page. */
    public Map<String, Object> evidence(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = JSON.readValue(json, java.util.LinkedHashMap.class);
        return new java.util.TreeMap<>(values);
    }

    /** Withdrawal id → how many holds stand on it, for the documents listed (their ids). */
    public Map<Long, Integer> openHolds(Collection<Long> withdrawalIds) {
        Map<Long, Integer> counts = new HashMap<>();
        risk.openHolds(withdrawalIds).forEach(finding -> counts.merge(finding.withdrawalId(), 1, Integer::sum));
        return counts;
    }
}
