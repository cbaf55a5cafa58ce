package org.khlang.support;

import java.util.List;

import org.khlang.shared.Actor;

/** In-app notices for people. */
public interface Notices {

    void send(long recipientId, String kind, String messageTh, String messageEn, String target);

    List<Notice> unread(long recipientId);

    /** How many notices the person has not read (the header's count). */
    int unreadCount(long recipientId);

    void markRead(long noticeId, Actor reader);
}
