package dev.paysaga.sandbox.admin;

/**
 * How the sandbox plays one channel, set by tests and demos through the admin API.
 *
 * @param latencyMillis   added to every answer
 * @param failureRate     share of calls answered with a system error, 0..1
 * @param declineRate     share of payments declined, 0..1
 * @param neverNotify     withhold asynchronous notifications (the payment must be found by query)
 */
public record ChannelBehaviour(long latencyMillis, double failureRate, double declineRate, boolean neverNotify) {
    public static final ChannelBehaviour NORMAL = new ChannelBehaviour(0, 0, 0, false);

    public ChannelBehaviour {
        if (latencyMillis < 0 || latencyMillis > 60_000) {
            throw new IllegalArgumentException("latency_millis must be 0 to 60000");
        }
        if (failureRate < 0 || failureRate > 1 || declineRate < 0 || declineRate > 1) {
            throw new IllegalArgumentException("rates are between 0 and 1");
        }
    }
}
