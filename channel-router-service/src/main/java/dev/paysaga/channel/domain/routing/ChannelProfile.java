package dev.paysaga.channel.domain.routing;

import java.util.Set;

/** What the platform lets a channel take (currencies, terminals, amount limits) and what it costs. */
public record ChannelProfile(String channel, Set<String> currencies, Set<String> terminals, long minAmountMinor,
        long maxAmountMinor, Fee fee) {
    public ChannelProfile {
        currencies = Set.copyOf(currencies);
        terminals = Set.copyOf(terminals);
        if (minAmountMinor < 1 || maxAmountMinor < minAmountMinor) {
            throw new IllegalArgumentException("amount limits of " + channel + " must be 1 <= min <= max");
        }
    }
}
