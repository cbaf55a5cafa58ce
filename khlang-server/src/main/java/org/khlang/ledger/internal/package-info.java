/** JDBC implementation of the ledger and the H2 trigger that keeps posted entries unchanged in development. */
package org.khlang.ledger.internal;
