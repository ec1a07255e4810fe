package dev.paysaga.runtime.auth;

import java.security.SecureRandom;

/** The alphabet of PaySaga's secrets ({@link ApiKeys}, {@link ClientSecrets}): 5.95 random bits a character. */
final class Base62 {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Base62() {
    }

    /** {@code length} characters from {@link SecureRandom}, appended to {@code to}. */
    static StringBuilder appendRandom(StringBuilder to, int length) {
        for (int i = 0; i < length; i++) {
            to.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return to;
    }

    /** Whether every character of {@code text} from {@code from} on is base62. */
    static boolean isBase62(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
