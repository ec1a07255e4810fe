package dev.paysaga.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the schedule's wait for that attempt, spread by ±20 % so that
 * the deliveries an outage piled up do not all come back at one instant, and never sooner than the
 * endpoint asked with {@code Retry-After} (capped at the schedule's longest wait).
 */
final class RetrySchedule {
    private final List<Duration> waits;
    private final Duration longest;

    RetrySchedule(List<Duration> waits) {
        this.waits = List.copyOf(waits);
        this.longest = waits.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** How many attempts a delivery gets in all. */
    int attempts() {
        return waits.size() + 1;
    }

    /** When to try after the {@code attempt}-th attempt (1-based) failed; null: that was the last. */
    Instant next(int attempt, Instant now, Duration retryAfter) {
        if (attempt >= attempts()) {
            return null;
        }
        Duration wait = waits.get(attempt - 1);
        long jittered = (long) (wait.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        Duration chosen = Duration.ofMillis(jittered);
        if (retryAfter != null && retryAfter.compareTo(chosen) > 0) {
            chosen = retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        }
        return now.plus(chosen);
    }
}
