package dev.paysaga.channel.domain.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Success, failure and latency of each channel's create calls over the last {@code window}, kept in
 * this replica's memory. Per replica on purpose: each replica sees a sample of the same channel
 * behaviour (the traffic is spread evenly), so the rates agree without a shared store, and routing
 * never waits on Redis or fails when it is down; the price is a slower reaction on a replica with
 * little traffic, and a fresh replica starts from the prior.
 */
public final class ChannelHealth {
    private final Clock clock;
    private final long bucketMillis;
    private final int buckets;
    private final Map<String, HealthWindow> windows = new ConcurrentHashMap<>();

    public ChannelHealth(Clock clock, Duration window, int buckets) {
        this.clock = clock;
        this.buckets = buckets;
        this.bucketMillis = window.toMillis() / buckets;
    }

    public void record(String channel, boolean success, long latencyMillis) {
        window(channel).record(clock.millis(), success, latencyMillis);
    }

    public HealthSnapshot snapshot(String channel) {
        HealthWindow window = windows.get(channel);
        return window == null ? HealthSnapshot.EMPTY : window.snapshot(clock.millis());
    }

    public Duration window() {
        return Duration.ofMillis(bucketMillis * buckets);
    }

    private HealthWindow window(String channel) {
        return windows.computeIfAbsent(channel, c -> new HealthWindow(bucketMillis, buckets));
    }
}
