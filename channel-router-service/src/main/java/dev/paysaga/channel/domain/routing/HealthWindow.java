package dev.paysaga.channel.domain.routing;

import java.util.Arrays;

/**
 * One channel's create outcomes over a sliding time window of {@code buckets} buckets of
 * {@code bucketMillis}: the newest bucket fills while the oldest drops out, so the window covers the
 * last (buckets - 1) to buckets bucket lengths. Latencies are counted in fixed buckets (bounded memory
 * whatever the traffic); p95 is the upper bound of the bucket holding the 95th percentile.
 */
final class HealthWindow {
    static final long[] LATENCY_BOUNDS_MILLIS = {10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private final long bucketMillis;
    private final long[] bucketOf;
    private final long[] successes;
    private final long[] failures;
    private final long[][] latencies;

    HealthWindow(long bucketMillis, int buckets) {
        if (bucketMillis <= 0 || buckets < 2) {
            throw new IllegalArgumentException("a window needs at least two buckets of positive length");
        }
        this.bucketMillis = bucketMillis;
        this.bucketOf = new long[buckets];
        Arrays.fill(bucketOf, Long.MIN_VALUE);
        this.successes = new long[buckets];
        this.failures = new long[buckets];
        this.latencies = new long[buckets][LATENCY_BOUNDS_MILLIS.length];
    }

    synchronized void record(long nowMillis, boolean success, long latencyMillis) {
        long bucket = Math.floorDiv(nowMillis, bucketMillis);
        int slot = (int) Math.floorMod(bucket, (long) bucketOf.length);
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            successes[slot] = 0;
            failures[slot] = 0;
            Arrays.fill(latencies[slot], 0);
        }
        if (success) {
            successes[slot]++;
        } else {
            failures[slot]++;
        }
        latencies[slot][latencyBucket(latencyMillis)]++;
    }

    synchronized HealthSnapshot snapshot(long nowMillis) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        long ok = 0;
        long failed = 0;
        long[] histogram = new long[LATENCY_BOUNDS_MILLIS.length];
        for (int slot = 0; slot < bucketOf.length; slot++) {
            if (bucketOf[slot] > current - bucketOf.length && bucketOf[slot] <= current) {
                ok += successes[slot];
                failed += failures[slot];
                for (int b = 0; b < histogram.length; b++) {
                    histogram[b] += latencies[slot][b];
                }
            }
        }
        return new HealthSnapshot(ok, failed, p95(histogram, ok + failed));
    }

    private static long p95(long[] histogram, long samples) {
        if (samples == 0) {
            return -1;
        }
        long rank = (samples * 95 + 99) / 100; // ceil(0.95 n), in integers
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return LATENCY_BOUNDS_MILLIS[b];
            }
        }
        return LATENCY_BOUNDS_MILLIS[LATENCY_BOUNDS_MILLIS.length - 1];
    }

    private static int latencyBucket(long latencyMillis) {
        for (int b = 0; b < LATENCY_BOUNDS_MILLIS.length; b++) {
            if (latencyMillis <= LATENCY_BOUNDS_MILLIS[b]) {
                return b;
            }
        }
        return LATENCY_BOUNDS_MILLIS.length - 1; // longer than the last bound counts as the last bound
    }
}
