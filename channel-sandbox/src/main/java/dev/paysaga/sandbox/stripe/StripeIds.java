package dev.paysaga.sandbox.stripe;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/** Stripe-shaped object ids: a prefix ({@code pi}, {@code re}, {@code ch}, {@code evt}), an underscore, 24 random characters. */
@ApplicationScoped
public class StripeIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final SecureRandom random = new SecureRandom();

    String next(String prefix) {
        return prefix + "_" + random(24);
    }

    /**
     * An id of {@code prefix} that is always the same for {@code seed}: the objects a scripted statement adds must keep
     * their ids from page to page and download to download.
     */
    String derived(String prefix, String seed) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(Byte.toUnsignedInt(hash[i]) % ALPHABET.length()));
        }
        return id.toString();
    }

    /** {@code <intent id>_secret_<random>}: the client secret names its intent, as Stripe's do. */
    String clientSecret(String intentId) {
        return intentId + "_secret_" + random(25);
    }

    private String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
