package org.khlang.support;

/** A Thai FAQ chat bot (R15): Thai word segmentation and ranked retrieval over a curated FAQ. */
public interface ChatBot {

    ChatAnswer ask(String question);
}
