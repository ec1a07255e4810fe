package dev.paysaga.channel.domain;

import dev.paysaga.channel.domain.routing.Adapters;
import dev.paysaga.channel.domain.routing.ChannelHealth;
import dev.paysaga.channel.domain.routing.ChannelProfile;
import dev.paysaga.channel.domain.routing.Fee;
import dev.paysaga.channel.domain.routing.MerchantPolicy;
import dev.paysaga.channel.domain.routing.RouteRequest;
import dev.paysaga.channel.domain.routing.Routing;
import dev.paysaga.channel.domain.routing.RoutingDecision;
import dev.paysaga.channel.domain.routing.RoutingTable;
import dev.paysaga.channel.domain.routing.Strategies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the channels for a payment, in order, and says why: the routing table, the channel profiles
 * and the merchants' strategies from {@code paysaga.routing.*} (see {@link Routing}), over the
 * adapters that exist and this replica's {@link ChannelHealth}.
 */
@ApplicationScoped
public class ChannelRouter {
    private final Map<String, PaymentChannel> channels = new TreeMap<>();
    private final Routing routing;
    private final ChannelHealth health;

    ChannelRouter(Instance<PaymentChannel> adapters, RoutingConfig config) {
        adapters.forEach(channel -> channels.put(channel.name(), channel));
        Strategies strategies = new Strategies(config.successRate().prior(), config.successRate().priorWeight(),
                config.successRate().tolerance(), config.latencyMinSamples());
        MerchantPolicy platform = new MerchantPolicy(
                strategies.named(config.strategy(), config.combine().orElse(List.of())), Optional.empty(), Map.of());
        Map<String, MerchantPolicy> merchants = new HashMap<>();
        config.merchants().forEach((id, m) -> merchants.put(id, new MerchantPolicy(
                m.strategy().map(name -> strategies.named(name, m.combine().orElse(List.of())))
                        .orElse(platform.strategy()),
                m.channels(), m.weights())));
        Map<String, ChannelProfile> profiles = new HashMap<>();
        config.channels().forEach((name, c) -> profiles.put(name, new ChannelProfile(name, c.currencies(),
                c.terminals(), c.minAmount(), c.maxAmount(), new Fee(c.feeFixed(), c.feeBasisPoints()))));
        this.routing = new Routing(RoutingTable.DEFAULT, profiles, id -> merchants.getOrDefault(id, platform));
        this.health = new ChannelHealth(Clock.systemUTC(), config.health().window(), config.health().buckets());
    }

    /** The channels to try, best first, or a refusal (4xx {@code ApiException}) when none can take it. */
    public RoutingDecision route(ChannelTransactions.Request request) {
        return routing.decide(new RouteRequest(request.merchantId(), request.method(), request.currency(),
                request.terminal(), request.amountMinor()), capabilities, health::snapshot, ThreadLocalRandom.current());
    }

    /** The adapters, each asked whether it settles the currency (a profile cannot widen what an adapter takes). */
    private final Adapters capabilities = new Adapters() {
        @Override
        public boolean has(String channel) {
            return channels.containsKey(channel);
        }

        @Override
        public boolean settles(String channel, String currency) {
            return channels.get(channel).settles(currency);
        }
    };

    public ChannelHealth health() {
        return health;
    }

    public Set<String> adapters() {
        return channels.keySet();
    }

    public Optional<PaymentChannel> byName(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    public PaymentChannel require(String name) {
        return byName(name).orElseThrow(() -> new IllegalStateException("no adapter for channel " + name));
    }
}
