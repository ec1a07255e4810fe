package dev.paysaga.channel.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code paysaga.routing.*}: channel profiles, merchant policies, health window, circuit breakers. */
@ConfigMapping(prefix = "paysaga.routing")
public interface RoutingConfig {
    /** The platform's default strategy for merchants that configure none. */
    @WithDefault("priority")
    String strategy();

    /** Keys of the platform default when it is {@code combined}. */
    Optional<List<String>> combine();

    Map<String, Channel> channels();

    Map<String, Merchant> merchants();

    Health health();

    SuccessRate successRate();

    @WithDefault("5")
    long latencyMinSamples();

    Breaker breaker();

    interface Channel {
        Set<String> currencies();

        Set<String> terminals();

        @WithDefault("1")
        long minAmount();

        long maxAmount();

        @WithDefault("0")
        long feeFixed();

        @WithDefault("0")
        long feeBasisPoints();
    }

    interface Merchant {
        Optional<String> strategy();

        Optional<List<String>> combine();

        /** The channels the merchant uses; absent: all. */
        Optional<Set<String>> channels();

        Map<String, Long> weights();
    }

    interface Health {
        @WithDefault("PT60S")
        Duration window();

        @WithDefault("12")
        int buckets();
    }

    interface SuccessRate {
        @WithDefault("0.95")
        double prior();

        @WithDefault("10")
        double priorWeight();

        @WithDefault("0.05")
        double tolerance();
    }

    interface Breaker {
        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("PT30S")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }
}
