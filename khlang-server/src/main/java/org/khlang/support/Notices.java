package org.khlang.support;

import java.util.List;

import org.khlang.shared.Actor;

/** In-app notices for people. */
public interface Notices {

    void send(long recipientId, String kind, String messageTh, String messageEn, String target);

    List<Notice> unread(long recipientId);

    void markRead(long noticeId, Actor reader);
}
