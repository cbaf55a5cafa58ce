package org.khlang.support.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import org.khlang.support.ChatAnswer;
import org.khlang.support.ChatBot;
import org.springframework.stereotype.Component;

/**
 * Answers from the curated Thai FAQ ({@code help/faq-th.tsv}). Thai is written without spaces between words, so
 * questions are segmented into words with ICU's dictionary-based {@link BreakIterator}; zero-width characters are
 * removed first. Each FAQ entry is ranked by BM25 over the words of its question variants; below a threshold the bot
 * says it does not know and offers a ticket instead of guessing.
 */
@Component
class FaqChatBot implements ChatBot {

    static final double THRESHOLD = 2.5;
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private record Entry(String id, String firstQuestion, String answer, Map<String, Integer> terms, int length) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    FaqChatBot() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                FaqChatBot.class.getResourceAsStream("/help/faq-th.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                String questions = fields[1].replace('|', ' ');
                Map<String, Integer> terms = counts(words(questions));
                entries.add(new Entry(fields[0], fields[1].split("\\|")[0], fields[2], terms,
                        terms.values().stream().mapToInt(Integer::intValue).sum()));
                terms.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the FAQ could not be read", unreadable);
        }
        averageLength = entries.stream().mapToInt(Entry::length).average().orElse(1);
    }

    @Override
    public ChatAnswer ask(String question) {
        List<String> words = words(question == null ? "" : question);
        Entry best = null;
        double bestScore = 0;
        for (Entry entry : entries) {
            double score = 0;
            for (String word : new java.util.LinkedHashSet<>(words)) {
                Integer frequency = entry.terms().get(word);
                if (frequency == null) {
                    continue;
                }
                double idf = Math.log(1 + (entries.size() - documentFrequency.get(word) + 0.5)
                        / (documentFrequency.get(word) + 0.5));
                score += idf * frequency * (K1 + 1)
                        / (frequency + K1 * (1 - B + B * entry.length() / averageLength));
            }
            if (score > bestScore) {
                bestScore = score;
                best = entry;
            }
        }
        if (best == null || bestScore < THRESHOLD) {
            return new ChatAnswer(null, null, null, bestScore, true);
        }
        return new ChatAnswer(best.id(), best.firstQuestion(), best.answer(), bestScore, false);
    }

    /** Thai and Latin words of a text, lower-cased, without spaces, punctuation or invisible characters. */
    static List<String> words(String text) {
        String cleaned = Normalizer.normalize(text, Normalizer.Form.NFC)
                .replaceAll("[\\u200B-\\u200D\\u2060\\uFEFF]", "").toLowerCase(Locale.ROOT);
        BreakIterator iterator = BreakIterator.getWordInstance(new ULocale("th"));
        iterator.setText(cleaned);
        List<String> words = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            if (iterator.getRuleStatus() != BreakIterator.WORD_NONE) {
                String word = cleaned.substring(start, end).strip();
                if (!word.isEmpty() && !STOP.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** Words that carry no meaning for matching. */
    private static final java.util.Set<String> STOP = java.util.Set.of("ครับ", "ค่ะ", "คะ", "จ้า", "หน่อย", "ได้", "ไหม",
            "บ้าง", "ต้อง", "อย่าง", "ไร", "อะไร", "ที่", "และ", "การ", "ของ", "ให้", "ใน", "มี", "เป็น", "จะ", "นี้", "ว่า");

    private static Map<String, Integer> counts(List<String> words) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        words.forEach(word -> counts.merge(word, 1, Integer::sum));
        return counts;
    }
}
