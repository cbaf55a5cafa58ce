package org.khlang.audit.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.khlang.shared.Actor;
import org.khlang.shared.web.ApiController;
import org.springframework.web.bind.annotation.PostMapping;

/** {@code POST /api/v1/audit/verifications}: verify the chain; 200 with {@code intact} true or false. */
@ApiController("/api/v1/audit")
class AuditApiController {

    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    @PostMapping("/verifications")
    Map<String, Object> verify(Actor actor) {
        ChainVerification verification = audit.verify();
        AuditController.record(actor, verification, audit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", verification instanceof ChainVerification.Intact);
        body.put("eventsChecked", verification.eventsChecked());
        switch (verification) {
            case ChainVerification.Intact intact -> body.put("headHash", intact.headHash());
            case ChainVerification.Broken broken -> {
                body.put("brokenAtSequence", broken.sequence());
                body.put("reason", broken.reason().name());
            }
        }
        return body;
    }
}
