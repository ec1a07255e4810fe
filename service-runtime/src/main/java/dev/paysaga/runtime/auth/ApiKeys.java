package dev.paysaga.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The format of merchant API keys: {@code sk_test_}, {@code sk_live_}, {@code rk_test_} or
 * {@code rk_live_}, then 32 random base62 characters (190 bits), then a 6-character base62 CRC32 of
 * everything before it. The checksum lets a malformed key be refused without a look-up and lets secret
 * scanners recognise a leaked key. Keys are stored only as their SHA-256: with 190 random bits a slow
 * password hash would add latency to every request and no protection.
 */
public final class ApiKeys {
    private static final String ALPHABET = Base62.ALPHABET;
    private static final int RANDOM_LENGTH = 32;
    private static final int CHECKSUM_LENGTH = 6;

    public enum Kind {
        SECRET("sk"), RESTRICTED("rk");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A key's visible parts, read from a well-formed key. */
    public record Parsed(Kind kind, String mode, String last4) {
    }

    private ApiKeys() {
    }

    public static String generate(Kind kind, String mode) {
        requireMode(mode);
        StringBuilder key = new StringBuilder(kind.prefix).append('_').append(mode).append('_');
        Base62.appendRandom(key, RANDOM_LENGTH);
        return key.append(checksum(key)).toString();
    }

    /** The key's kind and mode if it is well formed and its checksum holds; empty otherwise. */
    public static Optional<Parsed> parse(String key) {
        if (key == null || key.length() != 8 + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        Kind kind = key.startsWith("sk_") ? Kind.SECRET : key.startsWith("rk_") ? Kind.RESTRICTED : null;
        String mode = key.substring(3, 8);
        if (kind == null || !(mode.equals("test_") || mode.equals("live_"))) {
            return Optional.empty();
        }
        if (!Base62.isBase62(key, 8)) {
            return Optional.empty();
        }
        int body = key.length() - CHECKSUM_LENGTH;
        if (!checksum(key.substring(0, body)).equals(key.substring(body))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(kind, mode.substring(0, 4), key.substring(key.length() - 4)));
    }

    /** What is stored and looked up: the lower-case hex SHA-256 of the key. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be shown of a key: its prefix and last four characters. */
    public static String masked(String key) {
        if (key == null || key.length() < 12) {
            return "****";
        }
        return key.substring(0, 8) + "…" + key.substring(key.length() - 4);
    }

    public static void requireMode(String mode) {
        if (!"test".equals(mode) && !"live".equals(mode)) {
            throw new IllegalArgumentException("mode must be test or live");
        }
    }

    private static String checksum(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }
}
