package org.khlang.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's JDBC store runs its statements without a transaction of its own.
 *
 * <p>By default it wraps each read and each save in a new transaction: a session read is then BEGIN, one SELECT and
 * COMMIT, and the save at the end of the request an UPDATE and a COMMIT — on every request of a signed-in person.
 * Each of those is a single statement (a new session: the row, then its attributes in one batch), so the
 * transaction buys nothing but a round trip and the transaction manager's work. The price is at worst a session
 * row whose attributes were not all written when the database failed in between: that session is then not signed
 * in, or still waits for the phone, and the person signs in again. Code that ends sessions after another
 * transaction committed opens its own ({@link SessionTerminator}).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

    /** Taken by name by Spring Session's JDBC configuration (its documented way to replace the transaction). */
    @Bean
    TransactionOperations springSessionTransactionOperations() {
        return TransactionOperations.withoutTransaction();
    }

    /**
     * The application's own transaction template, as Spring Boot defines it; Boot's stands back as soon as any
     * {@link TransactionOperations} bean exists, the one above included.
     */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
