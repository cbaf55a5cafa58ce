package org.khlang.risk.internal;

import java.util.List;

import org.khlang.risk.RiskOutcome;

/** A rule about the approver and this approval, whatever the documents. */
interface ApprovalRule {

    List<RiskOutcome> check(Facts.Approver approver);
}
