package dev.paysaga.runtime.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code paysaga.rate-limit.*}: per credential for reads and (stricter) writes, and per merchant. */
@ConfigMapping(prefix = "paysaga.rate-limit")
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("ratelimit:")
    String prefix();

    /** How long Redis may take before this replica decides with its local limiter instead. */
    @WithDefault("100ms")
    Duration redisTimeout();

    Limit read();

    Limit write();

    /** All of one merchant's keys together. */
    Limit merchant();

    interface Limit {
        double perSecond();

        int burst();
    }
}
