package dev.paysaga.channel.domain.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A merchant's routing settings: its strategy, the channels it uses (empty: every channel) and its
 * weights per channel (weighted draws, success-rate ties).
 */
public record MerchantPolicy(RoutingStrategy strategy, Optional<Set<String>> channels, Map<String, Long> weights) {
    public MerchantPolicy {
        channels = channels.map(Set::copyOf);
        weights = Map.copyOf(weights);
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("weights must not be negative");
        }
    }

    public boolean uses(String channel) {
        return channels.map(set -> set.contains(channel)).orElse(true);
    }

    public long weight(String channel) {
        return weights.getOrDefault(channel, 0L);
    }
}
