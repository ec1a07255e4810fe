package dev.paysaga.sandbox.stripe;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stripe's idempotent requests: the first answer to a POST with an {@code Idempotency-Key} is kept (status and
 * body) and every later POST with that key gets it again, marked {@code Idempotent-Replayed: true}, without
 * running again. The same key with other parameters (another path or other form fields) is refused 400
 * {@code idempotency_error}; while the first is still running a second one is refused 409. Keys last 24 hours
 * and are at most 255 characters. Bounded: when full, the oldest-expiring keys cannot be told apart from new ones,
 * so new keys are refused 500 rather than forgetting a kept answer early.
 */
@ApplicationScoped
public class IdempotencyKeys {
    static final int MAX_KEY_LENGTH = 255;
    static final Duration LIFETIME = Duration.ofHours(24);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxKeys;

    public IdempotencyKeys(@ConfigProperty(name = "paysaga.sandbox.stripe.max-idempotency-keys",
            defaultValue = "100000") int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** What a request is, for comparing a retry with the first: method, path and the decoded parameters in order. */
    record Fingerprint(String methodAndPath, Map<String, String> params) {
    }

    private static final class Entry {
        final Fingerprint fingerprint;
        final Instant expires;
        volatile StripeReply reply; // null while the first request runs

        Entry(Fingerprint fingerprint, Instant expires) {
            this.fingerprint = fingerprint;
            this.expires = expires;
        }
    }

    /** Runs {@code operation} once per key; a null key runs it every time (Stripe does not require a key). */
    StripeReply once(String key, Fingerprint fingerprint, Supplier<StripeReply> operation) {
        if (key == null) {
            return operation.get();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return StripeReply.error(400, "invalid_request_error", null,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters", null);
        }
        Instant now = Instant.now();
        entries.computeIfPresent(key, (k, e) -> e.expires.isBefore(now) ? null : e);
        if (!entries.containsKey(key) && entries.size() >= maxKeys) {
            return StripeReply.error(500, "api_error", null, "the sandbox holds its maximum of idempotency keys", null);
        }
        Entry fresh = new Entry(fingerprint, now.plus(LIFETIME));
        Entry existing = entries.putIfAbsent(key, fresh);
        if (existing == null) {
            StripeReply reply;
            try {
                reply = operation.get();
            } catch (RuntimeException e) {
                entries.remove(key, fresh); // never executed to an answer: nothing to replay
                throw e;
            }
            fresh.reply = reply;
            return reply;
        }
        if (!existing.fingerprint.equals(fingerprint)) {
            return StripeReply.error(400, "idempotency_error", null,
                    "This Idempotency-Key was first used with other parameters; a key may only be reused for the same request",
                    null);
        }
        StripeReply kept = existing.reply;
        if (kept == null) {
            return StripeReply.error(409, "idempotency_error", null,
                    "Another request with this Idempotency-Key is still in progress; retry later", null);
        }
        return kept.asReplay();
    }
}
