package dev.paysaga.channel.domain.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Traffic goes to the channels whose smoothed success rate over the health window is within
 * {@code tolerance} of the best one (the "healthy" tier), split among them by the merchant's weights;
 * the others only serve as failover, best rate first. Near-equal channels therefore share traffic
 * instead of flapping on noise, and a degraded channel loses its share as soon as its rate falls more
 * than the tolerance below the best.
 */
public final class SuccessRateStrategy implements RankingKey {
    public static final String NAME = "success_rate";
    private final double prior;
    private final double priorWeight;
    private final double tolerance;

    public SuccessRateStrategy(double prior, double priorWeight, double tolerance) {
        this.prior = prior;
        this.priorWeight = priorWeight;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return NAME;
    }

    double rate(Candidate c) {
        return c.health().successRate(prior, priorWeight);
    }

    private boolean healthy(Candidate c, List<Candidate> candidates) {
        double best = candidates.stream().mapToDouble(this::rate).max().orElse(0);
        return rate(c) >= best - tolerance;
    }

    @Override
    public Comparator<Candidate> comparator(List<Candidate> candidates) {
        // In a combination only the tier counts, so the next key decides among the healthy channels.
        return Comparator.comparingInt(c -> healthy(c, candidates) ? 0 : 1);
    }

    @Override
    public Ranking rank(List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> healthy = candidates.stream().filter(c -> healthy(c, candidates)).toList();
        List<Candidate> order = new ArrayList<>(WeightedStrategy.draw(healthy, random));
        candidates.stream().filter(c -> !healthy.contains(c))
                .sorted(Comparator.comparingDouble(this::rate).reversed().thenComparingInt(Candidate::position))
                .forEach(order::add);
        return new Ranking(order, explain(candidates) + "; healthy (>= best-" + tolerance + "): "
                + healthy.stream().map(Candidate::channel).toList());
    }

    @Override
    public String describe(Candidate candidate, List<Candidate> candidates) {
        return candidate.channel() + " " + String.format(Locale.ROOT, "%.3f", rate(candidate))
                + " n=" + candidate.health().samples();
    }
}
