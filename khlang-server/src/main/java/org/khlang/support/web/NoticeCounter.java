package org.khlang.support.web;

import org.khlang.shared.ActorPrincipal;
import org.khlang.support.Notices;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The header's count of unread notices, asked for by the page layout itself ({@code @noticeCounter.unread()}) when
 * it draws the signed-in header: a page pays for it, a JSON call or a status poll does not (it used to be a model
 * attribute filled for every controller call, one query each).
 */
@Component("noticeCounter")
public class NoticeCounter {

    private final Notices notices;

    NoticeCounter(Notices notices) {
        this.notices = notices;
    }

    /** The signed-in person's unread notices; null for anyone else (no count is shown). */
    public Integer unread() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ActorPrincipal principal)
                || principal.actor().isSystem() || authentication.getAuthorities().stream()
                .noneMatch(granted -> "SIGNED_IN".equals(granted.getAuthority()))) {
            return null;
        }
        return notices.unreadCount(principal.actor().accountId());
    }
}
