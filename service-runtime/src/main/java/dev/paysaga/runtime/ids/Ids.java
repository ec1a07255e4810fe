package dev.paysaga.runtime.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids that need no coordination between replicas: UUIDv7 (RFC 9562), rendered as
 * 26 Crockford base-32 characters so that text order is creation order, behind a type prefix
 * ({@code ord_01JD3...}).
 *
 * <p>Why UUIDv7 and not Snowflake: 62 random bits per id make a collision between replicas
 * negligible without leasing worker ids. Within one JVM the 12-bit {@code rand_a} field is a
 * sequence, so ids created in the same millisecond still sort in creation order.
 */
public final class Ids {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SEQUENCE_LIMIT = 1 << 12;

    private static long lastMillis;
    private static int sequence;

    private Ids() {
    }

    /** A new id with the given type prefix, e.g. {@code next("ord")}. */
    public static String next(String prefix) {
        return prefix + "_" + encode(uuidV7());
    }

    /** True when {@code id} is {@code prefix_} followed by a well-formed 26-character id. */
    public static boolean isValid(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 27 || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            if (indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return id.charAt(prefix.length() + 1) <= '7';
    }

    public static UUID uuidV7() {
        long millis;
        int seq;
        synchronized (Ids.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                sequence = 0;
            } else if (++sequence == SEQUENCE_LIMIT) {
                // Sequence exhausted within one millisecond: borrow the next millisecond.
                lastMillis++;
                sequence = 0;
            }
            millis = lastMillis;
            seq = sequence;
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The 128 bits as 26 base-32 digits, most significant first (the first digit holds 3 bits). */
    static String encode(UUID uuid) {
        char[] out = new char[26];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 25; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < CROCKFORD.length; i++) {
            if (CROCKFORD[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
