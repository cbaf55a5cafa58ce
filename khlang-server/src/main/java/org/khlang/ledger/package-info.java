/**
 * The double-entry ledger (R13): balanced, immutable journal entries corrected only by reversal, the chart of
 * accounts, trial balance and GL detail for any date.
 */
package org.khlang.ledger;
