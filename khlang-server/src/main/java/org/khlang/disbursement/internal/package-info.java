/** JDBC implementations of budgets, payees and withdrawals, the canonical signed content and the CSV readers. */
package org.khlang.disbursement.internal;
