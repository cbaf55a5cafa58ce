package org.khlang.support.internal;

import java.util.Optional;

import org.khlang.softtoken.ReplacementPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** R12: a person whose phone was reported lost binds a new one only after the registrar approved the replacement. */
@Component
class LostDeviceReplacementPolicy implements ReplacementPolicy {

    private final JdbcClient jdbc;

    LostDeviceReplacementPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> refusal(long accountId) {
        long waiting = jdbc.sql("select count(*) from lost_device_report where account_id = ?"
                + " and replacement_approved_at is null").param(accountId).query(Long.class).single();
        return waiting > 0 ? Optional.of("lost.replacement.notApproved") : Optional.empty();
    }
}
