package org.khlang.support.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.khlang.shared.Actor;
import org.khlang.support.Notice;
import org.khlang.support.Notices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcNotices implements Notices {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcNotices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void send(long recipientId, String kind, String messageTh, String messageEn, String target) {
        jdbc.sql("insert into notice (recipient_id, kind, message_th, message_en, target, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(recipientId, kind, cut(messageTh), cut(messageEn), target, OffsetDateTime.now(clock)).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Notice> unread(long recipientId) {
        return jdbc.sql("select id, kind, message_th, message_en, target, created_at from notice"
                        + " where recipient_id = ? and read_at is null order by id desc fetch first 50 rows only")
                .param(recipientId)
                .query((rs, row) -> new Notice(rs.getLong("id"), rs.getString("kind"), rs.getString("message_th"),
                        rs.getString("message_en"), rs.getString("target"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public int unreadCount(long recipientId) {
        return jdbc.sql("select count(*) from notice where recipient_id = ? and read_at is null").param(recipientId)
                .query(Integer.class).single();
    }

    @Override
    @Transactional
    public void markRead(long noticeId, Actor reader) {
        jdbc.sql("update notice set read_at = ? where id = ? and recipient_id = ? and read_at is null")
                .params(OffsetDateTime.now(clock), noticeId, reader.accountId()).update();
    }

    private static String cut(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
