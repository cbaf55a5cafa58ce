package org.khlang.support.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * E-mail through SMTP (Spring Mail; {@code spring.mail.host} and friends). A message is sent once the command that
 * caused it has committed, so a refused command mails nobody; without a configured server nothing is sent and the
 * in-app notice stands alone. Messages are Thai first, English second. Addresses and bodies are never logged.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final String from;

    Mailer(ObjectProvider<JavaMailSender> senders, @Value("${khlang.mail.from:khlang@localhost}") String from) {
        this.senders = senders;
        this.from = from;
    }

    void send(String to, String subjectTh, String subjectEn, String bodyTh, String bodyEn) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null || to == null || to.isBlank()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("[คลัง Khlang] " + subjectTh + " / " + subjectEn);
        message.setText(bodyTh + "\n\n----\n\n" + bodyEn + "\n\n-- \nคลัง · Khlang\nContact Center 0 2032 2636"
                + " · LINE @gfmiscc\n");
        Runnable deliver = () -> {
            try {
                sender.send(message);
            } catch (MailException failed) {
                log.warn("An e-mail could not be sent: {}", failed.getClass().getSimpleName());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver.run();
                }
            });
        } else {
            deliver.run();
        }
    }
}
