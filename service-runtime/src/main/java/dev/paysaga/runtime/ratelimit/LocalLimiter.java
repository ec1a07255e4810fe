package dev.paysaga.runtime.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Redis script's decision ({@code ratelimit.lua}) over this replica's own buckets: the fallback. */
final class LocalLimiter {
    /** A bound on memory: forgetting buckets only forgets recent use, it never refuses anyone. */
    private static final int MAX_BUCKETS = 100_000;
    private final Map<String, Double> tats = new HashMap<>();

    synchronized RateLimiter.Verdict decide(List<RateLimiter.Bucket> buckets, long now) {
        RateLimiter.Verdict worst = null;
        Gcra.Decision[] decisions = new Gcra.Decision[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            RateLimiter.Bucket b = buckets.get(i);
            Gcra.Decision d = b.gcra().decide(tats.getOrDefault(b.key(), (double) now), now);
            decisions[i] = d;
            RateLimiter.Verdict v = new RateLimiter.Verdict(d.allowed(), b, d.remaining(), d.retryAfterMillis(),
                    d.resetMillis());
            if (worst == null || closerToLimit(v, worst)) {
                worst = v;
            }
        }
        if (worst.allowed()) {
            if (tats.size() > MAX_BUCKETS) {
                tats.clear();
            }
            for (int i = 0; i < buckets.size(); i++) {
                tats.put(buckets.get(i).key(), decisions[i].tat());
            }
        }
        return worst;
    }

    private static boolean closerToLimit(RateLimiter.Verdict v, RateLimiter.Verdict worst) {
        if (v.allowed() != worst.allowed()) {
            return !v.allowed();
        }
        return v.allowed() ? v.remaining() < worst.remaining() : v.retryAfterMillis() > worst.retryAfterMillis();
    }
}
