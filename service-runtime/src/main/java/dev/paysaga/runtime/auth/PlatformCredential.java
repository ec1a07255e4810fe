package dev.paysaga.runtime.auth;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The platform operator's credential: {@code opk_} and 64 hex characters (256 random bits). Services
 * are configured with its SHA-256 only ({@code paysaga.auth.platform-key-sha256}).
 */
public final class PlatformCredential {
    public static final String PREFIX = "opk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformCredential() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }
}
