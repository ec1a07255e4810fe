package dev.paysaga.channel.domain.routing;

import dev.paysaga.runtime.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Routing as a pure function: the table's matching rule gives the candidates, the eligibility checks
 * (adapter, currency, terminal, amount limits, merchant configuration) keep those that can take the
 * payment, and the merchant's strategy orders them. An explicit method has one candidate and needs no
 * strategy. No I/O: adapters, health and random draws are passed in.
 */
public final class Routing {
    /** The strategy name of a decision for an explicit method (metrics, reasons). */
    public static final String EXPLICIT = "none";
    private final RoutingTable table;
    private final Map<String, ChannelProfile> profiles;
    private final Function<String, MerchantPolicy> policies;

    public Routing(RoutingTable table, Map<String, ChannelProfile> profiles, Function<String, MerchantPolicy> policies) {
        this.table = table;
        this.profiles = Map.copyOf(profiles);
        this.policies = policies;
    }

    /**
     * The decision, or a refusal ({@link ApiException}, 4xx) when no channel can take the payment: the
     * first exclusion in table order gives the code.
     */
    public RoutingDecision decide(RouteRequest request, Adapters adapters, Function<String, HealthSnapshot> health,
            RandomGenerator random) {
        RouteRule rule = table.match(request).orElseThrow(() -> ApiException.invalidRequest("method",
                "No channel takes method " + request.method()));
        MerchantPolicy policy = policies.apply(request.merchantId());
        List<Candidate> eligible = new ArrayList<>();
        List<RoutingDecision.Exclusion> excluded = new ArrayList<>();
        for (int position = 0; position < rule.channels().size(); position++) {
            String channel = rule.channels().get(position);
            Ineligible why = ineligibility(channel, request, adapters, policy);
            if (why != null) {
                excluded.add(new RoutingDecision.Exclusion(channel, why));
            } else {
                eligible.add(new Candidate(channel, position, profiles.get(channel).fee().of(request.amountMinor()),
                        health.apply(channel), policy.weight(channel)));
            }
        }
        if (eligible.isEmpty()) {
            throw refusal(request, excluded);
        }
        if (!request.routed()) {
            return new RoutingDecision(request, rule, EXPLICIT,
                    new RoutingStrategy.Ranking(eligible, "none (the method names its channel)"), excluded);
        }
        RoutingStrategy strategy = policy.strategy();
        return new RoutingDecision(request, rule, strategy.name(), strategy.rank(eligible, random), excluded);
    }

    private Ineligible ineligibility(String channel, RouteRequest request, Adapters adapters, MerchantPolicy policy) {
        ChannelProfile profile = profiles.get(channel);
        if (!adapters.has(channel)) {
            return Ineligible.NO_ADAPTER;
        }
        if (profile == null) {
            return Ineligible.NO_PROFILE;
        }
        if (!profile.currencies().contains(request.currency()) || !adapters.settles(channel, request.currency())) {
            return Ineligible.CURRENCY;
        }
        if (!profile.terminals().contains(request.terminal())) {
            return Ineligible.TERMINAL;
        }
        if (request.amountMinor() < profile.minAmountMinor()) {
            return Ineligible.AMOUNT_BELOW_MIN;
        }
        if (request.amountMinor() > profile.maxAmountMinor()) {
            return Ineligible.AMOUNT_ABOVE_MAX;
        }
        if (!policy.uses(channel)) {
            return Ineligible.MERCHANT_EXCLUDED;
        }
        return null;
    }

    /**
     * No channel can take it: refused with the first exclusion's code, except that a routed payment
     * whose channels do not exist yet is {@code currency_unsupported} (the merchant's view: that
     * currency cannot be paid here today), not a fault of its {@code method}.
     */
    private static ApiException refusal(RouteRequest request, List<RoutingDecision.Exclusion> excluded) {
        RoutingDecision.Exclusion first = excluded.get(0);
        String detail = "No channel can take this payment (method " + request.method() + ", " + request.currency()
                + ", " + request.terminal() + ", amount " + request.amountMinor() + "): " + excluded;
        if (request.routed() && excluded.stream().allMatch(e -> e.why() == Ineligible.NO_ADAPTER
                || e.why() == Ineligible.NO_PROFILE || e.why() == Ineligible.CURRENCY)) {
            return new ApiException(400, "currency_unsupported", detail, "currency");
        }
        return new ApiException(first.why().status, first.why().code, detail, first.why().param);
    }
}
