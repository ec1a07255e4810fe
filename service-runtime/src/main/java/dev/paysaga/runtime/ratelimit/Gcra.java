package dev.paysaga.runtime.ratelimit;

/**
 * The generic cell rate algorithm: one number per bucket, the theoretical arrival time (TAT) of the
 * next request. A request at {@code now} is allowed while {@code TAT + interval - burst × interval ≤ now};
 * it then moves TAT one interval on. This class is the reference the Redis script
 * ({@code ratelimit.lua}) mirrors, and the limiter used when Redis cannot be reached.
 *
 * @param intervalMillis the time one request "costs": 1000 / requests per second
 * @param burst          how many requests may arrive at once after a quiet period
 */
public record Gcra(double intervalMillis, int burst) {
    public Gcra {
        if (intervalMillis <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
    }

    public static Gcra perSecond(double rate, int burst) {
        return new Gcra(1000.0 / rate, burst);
    }

    /** @param tat the new TAT when allowed (unchanged otherwise) */
    public record Decision(boolean allowed, long remaining, long retryAfterMillis, long resetMillis, double tat) {
    }

    public Decision decide(double tat, long nowMillis) {
        double current = Math.max(tat, nowMillis);
        double next = current + intervalMillis;
        double allowAt = next - intervalMillis * burst;
        if (allowAt > nowMillis) {
            return new Decision(false, 0, (long) Math.ceil(allowAt - nowMillis), (long) Math.ceil(current - nowMillis),
                    tat);
        }
        long remaining = (long) Math.floor((nowMillis - allowAt) / intervalMillis);
        return new Decision(true, remaining, 0, (long) Math.ceil(next - nowMillis), next);
    }

    /** The window the {@code RateLimit-Policy} header names: how long a full burst takes to earn back. */
    public long windowSeconds() {
        return Math.max(1, Math.round(intervalMillis * burst / 1000));
    }
}
