package dev.paysaga.channel.domain.routing;

import java.util.List;

/** Strategies by their configuration names; an unknown name fails at start-up, not at the first payment. */
public final class Strategies {
    private final double prior;
    private final double priorWeight;
    private final double tolerance;
    private final long latencyMinSamples;

    public Strategies(double prior, double priorWeight, double tolerance, long latencyMinSamples) {
        this.prior = prior;
        this.priorWeight = priorWeight;
        this.tolerance = tolerance;
        this.latencyMinSamples = latencyMinSamples;
    }

    /** @param combine the keys of a {@code combined} strategy, in order (ignored by the others) */
    public RoutingStrategy named(String name, List<String> combine) {
        if (CombinedStrategy.NAME.equals(name)) {
            return new CombinedStrategy(combine.stream().map(this::key).toList());
        }
        return WeightedStrategy.NAME.equals(name) ? new WeightedStrategy() : key(name);
    }

    private RankingKey key(String name) {
        return switch (name) {
            case PriorityStrategy.NAME -> new PriorityStrategy();
            case SuccessRateStrategy.NAME -> new SuccessRateStrategy(prior, priorWeight, tolerance);
            case LatencyStrategy.NAME -> new LatencyStrategy(latencyMinSamples);
            case CostStrategy.NAME -> new CostStrategy();
            default -> throw new IllegalArgumentException("unknown routing strategy " + name
                    + " (priority, weighted, success_rate, latency, cost, combined)");
        };
    }
}
