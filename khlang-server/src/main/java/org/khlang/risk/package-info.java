/**
 * Fraud signals (issue 20): named rules that look at a money document, its payee's history and the approver's phone
 * and sign-ins when approval 1 or 2 is asked, and answer {@link org.khlang.risk.RiskOutcome Clear, Flag or Hold}.
 * A flag is shown to the approver on screen and on the phone and listed for the agency head and internal audit; a
 * hold stops approval 2 until the agency head, a third person, confirms on their own phone that it was examined.
 * The rules read the money, Soft Token and sign-in tables read-only, as the compliance reports do, and depend on no
 * money type: disbursement calls this module, so it must not call disbursement back.
 */
package org.khlang.risk;
