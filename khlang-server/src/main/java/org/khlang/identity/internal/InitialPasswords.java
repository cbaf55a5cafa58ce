package org.khlang.identity.internal;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * One-time initial passwords: 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), grouped in
 * fours for reading aloud over the phone or copying from a printed letter. About 90 bits of entropy.
 */
@Component
class InitialPasswords {

    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 4;

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder password = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                password.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return password.toString();
    }
}
