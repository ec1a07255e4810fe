package dev.paysaga.sandbox.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The idempotency layer alone: one run per key, replay, conflict, in progress, nothing kept for a run that threw, bounds. */
class IdempotencyKeysTest {
    static final IdempotencyKeys.Fingerprint CREATE =
            new IdempotencyKeys.Fingerprint("POST /v1/payment_intents", Map.of("amount", "100", "currency", "usd"));

    final AtomicInteger runs = new AtomicInteger();

    StripeReply run() {
        return new StripeReply(200, "{\"run\":" + runs.incrementAndGet() + "}", false);
    }

    @Test
    void aKeyRunsOnceAndReplaysItsFirstAnswer() {
        IdempotencyKeys keys = new IdempotencyKeys(10);

        StripeReply first = keys.once("k1", CREATE, this::run);
        StripeReply again = keys.once("k1", CREATE, this::run);

        assertEquals(1, runs.get());
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.body(), again.body());
        keys.once(null, CREATE, this::run);
        keys.once(null, CREATE, this::run);
        assertEquals(3, runs.get(), "without a key every request runs");
    }

    @Test
    void otherParametersOrAnotherPathUnderTheSameKeyAre400() {
        IdempotencyKeys keys = new IdempotencyKeys(10);
        keys.once("k1", CREATE, this::run);

        var otherAmount = keys.once("k1", new IdempotencyKeys.Fingerprint("POST /v1/payment_intents",
                Map.of("amount", "101", "currency", "usd")), this::run);
        var otherPath = keys.once("k1", new IdempotencyKeys.Fingerprint("POST /v1/refunds", CREATE.params()), this::run);

        assertEquals(400, otherAmount.status());
        assertTrue(otherAmount.body().contains("idempotency_error"));
        assertEquals(400, otherPath.status());
        assertEquals(1, runs.get());
    }

    @Test
    void theSameKeyWhileTheFirstStillRunsIs409() {
        IdempotencyKeys keys = new IdempotencyKeys(10);
        StripeReply[] inner = new StripeReply[1];

        keys.once("k1", CREATE, () -> {
            inner[0] = keys.once("k1", CREATE, this::run); // arrives while the first is running
            return run();
        });

        assertEquals(409, inner[0].status());
        assertTrue(inner[0].body().contains("idempotency_error"));
        assertEquals(1, runs.get());
    }

    @Test
    void aRunThatThrewKeepsNothingSoTheKeyCanBeRetried() {
        IdempotencyKeys keys = new IdempotencyKeys(10);

        assertThrows(IllegalStateException.class, () -> keys.once("k1", CREATE, () -> {
            throw new IllegalStateException("boom");
        }));

        assertEquals(200, keys.once("k1", CREATE, this::run).status());
        assertEquals(1, runs.get());
    }

    @Test
    void keysAreBoundedInLengthAndNumber() {
        IdempotencyKeys keys = new IdempotencyKeys(1);
        assertEquals(400, keys.once("k".repeat(256), CREATE, this::run).status());
        assertEquals(400, keys.once("", CREATE, this::run).status());
        assertEquals(200, keys.once("k".repeat(255), CREATE, this::run).status());

        assertEquals(500, keys.once("another", CREATE, this::run).status(), "full: a new key is refused, no kept answer dropped");
        assertEquals(1, runs.get());
    }
}
