package org.khlang.softtoken.internal;

import java.util.Map;
import java.util.Optional;

import org.khlang.authority.Confirmations;
import org.khlang.softtoken.SoftTokens;
import org.springframework.stereotype.Component;

/** Orders and reviews confirmed on the phone, through the Soft Token's signed approvals. */
@Component
class SoftTokenConfirmations implements Confirmations {

    private final SoftTokens softTokens;

    SoftTokenConfirmations(SoftTokens softTokens) {
        this.softTokens = softTokens;
    }

    @Override
    public String ask(long accountId, String titleTh, String titleEn, Map<String, String> display,
                      String contentSha256) {
        return softTokens.requestApproval(accountId, titleTh, titleEn, display, contentSha256).id();
    }

    @Override
    public String state(String confirmationId, long accountId) {
        return softTokens.approvalState(confirmationId, accountId).name();
    }

    @Override
    public Optional<String> consume(String confirmationId, long accountId, String contentSha256) {
        return softTokens.consumeApproval(confirmationId, accountId, contentSha256);
    }
}
