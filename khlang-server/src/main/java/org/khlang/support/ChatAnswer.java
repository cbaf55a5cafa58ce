package org.khlang.support;

/**
 * The chat bot's answer: the FAQ entry that matches best and how well, or, when nothing matches well enough, a
 * hand-over to a support ticket ({@code escalate}).
 */
public record ChatAnswer(String faqId, String question, String answer, double score, boolean escalate) {
}
