package org.khlang.shared.web;

import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached right now — its server died, a standby is being promoted,
 * it is shutting down — rather than a fault of Khlang: such a request is answered 503 with {@code Retry-After}, so
 * that a client retries with its Idempotency-Key and a person reads "try again in a moment", not "quote incident".
 */
final class DatabaseUnavailable {

    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    static boolean causedIt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // a commit or rollback the database did not answer (the connection died under it); the failure that
            // led to the rollback is kept beside the cause, not in it
            if (cause instanceof TransactionSystemException transaction && (transaction.getCause() instanceof SQLException
                    || transaction.getApplicationException() != null
                    && causedIt(transaction.getApplicationException()))) {
                return true;
            }
            // SQL state class 08: connection exception; 57P01-57P03: the server is shutting down or not yet up.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
