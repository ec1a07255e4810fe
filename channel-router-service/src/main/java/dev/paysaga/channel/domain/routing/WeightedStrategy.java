package dev.paysaga.channel.domain.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Traffic split by the merchant's integer weights: the first channel is drawn with probability
 * weight / total, the failover order by drawing again among the rest. Weight 0 means "fallback
 * only"; when every weight is 0 (none configured) all channels weigh the same.
 */
public final class WeightedStrategy implements RoutingStrategy {
    public static final String NAME = "weighted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Ranking rank(List<Candidate> candidates, RandomGenerator random) {
        return new Ranking(draw(candidates, random), NAME + " " + candidates.stream()
                .map(c -> c.channel() + "=" + weight(c, candidates)).collect(Collectors.joining(", ")));
    }

    /** The candidates in weighted random order (sampling without replacement). */
    static List<Candidate> draw(List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> order = new ArrayList<>(candidates.size());
        while (!left.isEmpty()) {
            long total = 0;
            for (Candidate c : left) {
                total = Math.addExact(total, weight(c, left));
            }
            Candidate picked = left.get(left.size() - 1);
            if (total > 0) {
                long ticket = random.nextLong(total);
                for (Candidate c : left) {
                    ticket -= weight(c, left);
                    if (ticket < 0) {
                        picked = c;
                        break;
                    }
                }
            }
            left.remove(picked);
            order.add(picked);
        }
        return order;
    }

    private static long weight(Candidate c, List<Candidate> among) {
        boolean noneWeighted = among.stream().allMatch(x -> x.weight() == 0);
        return noneWeighted ? 1 : c.weight();
    }
}
