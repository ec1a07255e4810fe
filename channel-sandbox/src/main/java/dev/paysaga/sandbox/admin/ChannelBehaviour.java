package dev.paysaga.sandbox.admin;

/**
 * How the sandbox plays one channel, set by tests and demos through the admin API
 * ({@code PUT /admin/channels/{channel}}, JSON in snake_case; absent fields are 0 / false).
 *
 * @param latencyMillis   how long the simulated customer takes to act on a new order
 * @param failureRate     share of gateway calls answered with a system error (Alipay: 20000 isp.unknow-error), 0..1
 * @param declineRate     share of payments declined (the trade closes unpaid), 0..1
 * @param neverNotify     withhold asynchronous notifications (the payment must be found by query)
 * @param silent          the customer never acts: the order waits for payment until the merchant closes it
 */
public record ChannelBehaviour(long latencyMillis, double failureRate, double declineRate, boolean neverNotify,
        boolean silent) {
    public static final ChannelBehaviour NORMAL = new ChannelBehaviour(0, 0, 0, false, false);

    public ChannelBehaviour {
        if (latencyMillis < 0 || latencyMillis > 60_000) {
            throw new IllegalArgumentException("latency_millis must be 0 to 60000");
        }
        if (failureRate < 0 || failureRate > 1 || declineRate < 0 || declineRate > 1) {
            throw new IllegalArgumentException("rates are between 0 and 1");
        }
    }
}
