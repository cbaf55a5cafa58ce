package org.khlang.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.khlang.identity.IdentityProperties;
import org.springframework.stereotype.Component;

/**
 * Passwords that attackers try first. Two lists: whole passwords (shipped {@code common-passwords.txt}, plus an
 * optional operator file such as a breached-password corpus), and base words ({@code common-words.txt}) that stay
 * guessable however they are dressed: "Password2568!" and "P@ssw0rd12345" both reduce to "password".
 */
@Component
class CommonPasswords {

    private final Set<String> passwords = new HashSet<>();
    private final Set<String> words = new HashSet<>();

    CommonPasswords(IdentityProperties properties) {
        load(resource("common-passwords.txt"), passwords);
        load(resource("common-words.txt"), words);
        if (properties.blocklistFile() != null && !properties.blocklistFile().isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(properties.blocklistFile()))) {
                load(in, passwords);
            } catch (IOException exception) {
                throw new UncheckedIOException("cannot read khlang.identity.blocklist-file", exception);
            }
        }
    }

    /** Whether the password is common as it stands, or once its dressing is taken off. */
    boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (passwords.contains(lower) || isRun(lower)) {
            return true;
        }
        String core = trimNonLetters(lower);
        if (core.isEmpty()) {
            return true; // nothing but digits and symbols: a date, a phone number, a keyboard row
        }
        for (String base : new String[] {lettersOf(core), lettersOf(unLeet(core)), lettersOf(unLeet(lower))}) {
            if (words.contains(base) || isRepetitionOfWord(base)) {
                return true;
            }
        }
        return false;
    }

    /** "2568Password!!" becomes "password": digits and symbols around the word are the usual dressing. */
    static String trimNonLetters(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Undoes the common substitutions: p@ssw0rd is password. */
    static String unLeet(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            result.append(switch (text.charAt(i)) {
                case '@', '4' -> 'a';
                case '3' -> 'e';
                case '1', '!' -> 'i';
                case '0' -> 'o';
                case '$', '5' -> 's';
                case '7' -> 't';
                default -> text.charAt(i);
            });
        }
        return result.toString();
    }

    private static String lettersOf(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        text.chars().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    private boolean isRepetitionOfWord(String base) {
        for (int length = 1; length <= base.length() / 2; length++) {
            if (base.length() % length == 0 && base.equals(base.substring(0, length).repeat(base.length() / length))) {
                String unit = base.substring(0, length);
                return length < 4 || words.contains(unit);
            }
        }
        return false;
    }

    /** One character repeated, or a run such as 123456789012 or abcdefghijkl. */
    private static boolean isRun(String lower) {
        int up = 0;
        int down = 0;
        int same = 0;
        for (int i = 1; i < lower.length(); i++) {
            int step = lower.charAt(i) - lower.charAt(i - 1);
            up += step == 1 ? 1 : 0;
            down += step == -1 ? 1 : 0;
            same += step == 0 ? 1 : 0;
        }
        int steps = lower.length() - 1;
        return up == steps || down == steps || same == steps;
    }

    private static InputStream resource(String name) {
        InputStream in = CommonPasswords.class.getResourceAsStream("/identity/" + name);
        if (in == null) {
            throw new IllegalStateException("missing resource /identity/" + name);
        }
        return in;
    }

    private static void load(InputStream in, Set<String> into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    into.add(entry.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
