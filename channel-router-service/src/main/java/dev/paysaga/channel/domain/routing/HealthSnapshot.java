package dev.paysaga.channel.domain.routing;

/**
 * A channel's recent create outcomes over the health window.
 *
 * @param p95Millis upper bound of the latency bucket holding the 95th percentile; -1 without samples
 */
public record HealthSnapshot(long successes, long failures, long p95Millis) {
    public static final HealthSnapshot EMPTY = new HealthSnapshot(0, 0, -1);

    public long samples() {
        return successes + failures;
    }

    /**
     * Success rate smoothed towards {@code prior} as if {@code priorWeight} samples at that rate had been
     * seen: a channel with few samples is neither trusted nor condemned, and one whose samples all aged
     * out of the window comes back at the prior, so it is tried again (that is how a recovered channel
     * gets traffic back without anyone resetting it).
     */
    public double successRate(double prior, double priorWeight) {
        return (successes + prior * priorWeight) / (samples() + priorWeight);
    }
}
