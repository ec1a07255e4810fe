package dev.paysaga.channel.domain.routing;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lexicographic combination of keys, e.g. {@code success_rate,cost}: keep the healthy tier, then the
 * cheapest of it; ties fall through to the next key and finally to the table order. Deterministic.
 */
public final class CombinedStrategy implements RankingKey {
    public static final String NAME = "combined";
    private final List<RankingKey> keys;

    public CombinedStrategy(List<RankingKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a combined strategy needs at least one key");
        }
        this.keys = List.copyOf(keys);
    }

    @Override
    public String name() {
        return NAME + "(" + keys.stream().map(RoutingStrategy::name).collect(Collectors.joining(">")) + ")";
    }

    @Override
    public Comparator<Candidate> comparator(List<Candidate> candidates) {
        Comparator<Candidate> chain = keys.get(0).comparator(candidates);
        for (RankingKey key : keys.subList(1, keys.size())) {
            chain = chain.thenComparing(key.comparator(candidates));
        }
        return chain;
    }

    @Override
    public String describe(Candidate candidate, List<Candidate> candidates) {
        return keys.stream().map(k -> k.describe(candidate, candidates)).collect(Collectors.joining(" "));
    }

    @Override
    public String explain(List<Candidate> candidates) {
        return name() + " " + keys.stream().map(k -> "[" + k.explain(candidates) + "]").collect(Collectors.joining(" "));
    }
}
