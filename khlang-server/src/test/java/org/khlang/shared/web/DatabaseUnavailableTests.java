package org.khlang.shared.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTests {

    @Test
    void aLostConnectionOrAServerShuttingDownIsTheDatabaseBeingUnavailable() {
        assertThat(DatabaseUnavailable.causedIt(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new TransactionSystemException("commit failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseUnavailable.causedIt(rollbackFailed)).isTrue();
        TransactionSystemException afterCommit = new TransactionSystemException("rollback failed");
        afterCommit.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("commit"));
        assertThat(DatabaseUnavailable.causedIt(afterCommit)).isTrue();
        assertThat(DatabaseUnavailable.causedIt(new UncategorizedSQLException("select", "select 1",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void aRefusedStatementOrAnyOtherFailureIsNot() {
        assertThat(DatabaseUnavailable.causedIt(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedIt(new SQLException("no state"))).isFalse();
    }
}
