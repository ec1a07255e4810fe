package dev.paysaga.channel.stripe;

import dev.paysaga.channel.domain.Masked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]} where each
 * {@code v1} is HMAC-SHA256, keyed with the endpoint's signing secret (the whole {@code whsec_…} text as UTF-8),
 * over {@code "<t>.<raw body>"}. Several v1 appear while a secret is being rolled: one match is enough. Other
 * schemes ({@code v0}) are ignored. A match is compared in constant time, and {@code t} must be within the
 * tolerance (300 s, either way) of our clock, so a captured delivery cannot be replayed later.
 */
public final class StripeSignature {
    public static final String HEADER = "Stripe-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final int MAX_HEADER_CHARS = 4096;
    private static final int MAX_SIGNATURES = 16;
    private static final int HEX_CHARS = 64;

    private StripeSignature() {
    }

    /** The header's timestamp and its v1 signatures (lower-case hex), as sent. */
    record Parsed(long timestamp, List<String> v1) {
    }

    /** The verdict: {@code refusal} null when genuine and fresh, then {@code matched} is the v1 that verified. */
    public record Verdict(String refusal, String matched) {
        static Verdict refused(String reason) {
            return new Verdict(reason, null);
        }
    }

    /** The header parsed, or null when it is not {@code t=…} once with digits and at least one well-formed v1. */
    static Parsed parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return null;
        }
        Long timestamp = null;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String scheme = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (scheme.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return null;
                }
                timestamp = Long.parseLong(value);
            } else if (scheme.equals("v1")) {
                if (v1.size() == MAX_SIGNATURES) {
                    return null;
                }
                v1.add(value);
            }
        }
        return timestamp == null || v1.isEmpty() ? null : new Parsed(timestamp, List.copyOf(v1));
    }

    /**
     * Null refusal when the payload is genuine and fresh, else why not: {@code unsigned} (no header),
     * {@code malformed} (not the header's shape), {@code bad_signature} (no v1 matches: forged, tampered, another
     * secret), {@code expired} (genuine, but {@code t} is more than the tolerance from {@code now}, past or future).
     */
    public static Verdict verify(String header, String payload, Masked<String> secret, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.refused("unsigned");
        }
        Parsed parsed = parse(header);
        if (parsed == null) {
            return Verdict.refused("malformed");
        }
        byte[] expected = v1(secret, parsed.timestamp(), payload).getBytes(StandardCharsets.US_ASCII);
        String matched = null;
        for (String candidate : parsed.v1()) {
            // Every candidate is compared, each in constant time: timing tells nothing about the expected value.
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII)) && matched == null) {
                matched = candidate;
            }
        }
        if (matched == null) {
            return Verdict.refused("bad_signature");
        }
        if (Math.abs(now.getEpochSecond() - parsed.timestamp()) > TOLERANCE.toSeconds()) {
            return Verdict.refused("expired");
        }
        return new Verdict(null, matched);
    }

    /** The v1 signature of {@code payload} signed at {@code timestamp}: 64 lower-case hex characters. */
    public static String v1(Masked<String> secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            assert hex.length() == HEX_CHARS;
            return hex;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
