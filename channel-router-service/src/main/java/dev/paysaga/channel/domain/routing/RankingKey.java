package dev.paysaga.channel.domain.routing;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A deterministic ordering of candidates (success-rate tier, p95 latency, fee, table position). Every
 * key is a strategy on its own (sort by it, then by table position) and a link of a lexicographic
 * {@link CombinedStrategy}.
 */
public interface RankingKey extends RoutingStrategy {
    Comparator<Candidate> comparator(List<Candidate> candidates);

    /** One candidate's value under this key, e.g. {@code alipay fee=18}. */
    String describe(Candidate candidate, List<Candidate> candidates);

    @Override
    default Ranking rank(List<Candidate> candidates, java.util.random.RandomGenerator random) {
        List<Candidate> order = candidates.stream()
                .sorted(comparator(candidates).thenComparingInt(Candidate::position)).toList();
        return new Ranking(order, explain(candidates));
    }

    default String explain(List<Candidate> candidates) {
        return name() + " " + candidates.stream().map(c -> describe(c, candidates)).collect(Collectors.joining(", "));
    }
}
