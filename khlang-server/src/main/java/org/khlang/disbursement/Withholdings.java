package org.khlang.disbursement;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * The tax withheld from payments (R13): each paid payment's 50 ทวิ certificate, the monthly lists of ภ.ง.ด.3 and
 * ภ.ง.ด.53, and their remittance, approved on the phone by a PAYMENT_APPROVER, which clears the withholding-tax
 * payable.
 */
public interface Withholdings {

    /** The certificate of a withdrawal's paid payment, when tax was withheld from it. */
    Optional<WithholdingLine> certificate(long withdrawalId);

    /** The month's lines of one return, by the day paid. */
    List<WithholdingLine> month(long agencyId, YearMonth month, TaxStatus status);

    List<WithholdingRemittance> remittances(long agencyId);

    /** Asks the approver's phone to sign the remittance of a finished month's withheld tax of one return. */
    SigningRequest askRemittance(long agencyId, YearMonth month, TaxStatus status, Actor approver);

    /** Remits it once the phone has signed: posted, audited; a month and return are remitted once. */
    WithholdingRemittance remit(long agencyId, YearMonth month, TaxStatus status, String confirmationId,
                                Actor approver);
}
