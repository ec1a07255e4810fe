package dev.paysaga.saga.domain;

import java.time.Duration;

/**
 * How a step's Confirm and Cancel are retried: exponential backoff from {@code initialBackoff},
 * capped at {@code maxBackoff}, at most {@code maxAttempts} sends before the saga is parked.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
    public static final RetryPolicy STANDARD = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 10);

    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /** Wait before send number {@code attempt + 1}, after {@code attempt} sends. */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
