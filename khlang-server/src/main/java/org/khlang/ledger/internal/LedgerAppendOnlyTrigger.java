package org.khlang.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's counterpart of the PostgreSQL function {@code ledger_append_only()}: posted entries and lines never change. */
public class LedgerAppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the journal is append-only; correct a posted entry by reversal", "42501");
    }
}
