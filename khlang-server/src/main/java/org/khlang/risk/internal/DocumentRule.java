package org.khlang.risk.internal;

import java.time.Instant;
import java.util.List;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskSubject;

/** A rule about one document and its payee. */
interface DocumentRule {

    /** The flags and holds the document raises; empty if clear. */
    List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now);
}
