package org.khlang.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger function {@code audit_event_append_only()}: the development
 * database refuses UPDATE and DELETE on the audit chain just as production does.
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_event is append-only", "42501");
    }
}
