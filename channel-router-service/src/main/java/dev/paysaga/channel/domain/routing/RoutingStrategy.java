package dev.paysaga.channel.domain.routing;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a merchant's eligible channels, best first: the first is tried, the others are the failover
 * order. Strategies are pure: same candidates and same random draws, same order.
 */
public interface RoutingStrategy {
    String name();

    /** @param random used only by strategies that are random by design (weighted, success-rate ties) */
    Ranking rank(List<Candidate> candidates, RandomGenerator random);

    /** The order and why, in words that go into the attempt's reason. */
    record Ranking(List<Candidate> order, String explanation) {
        public Ranking {
            order = List.copyOf(order);
        }

        public List<String> channels() {
            return order.stream().map(Candidate::channel).toList();
        }
    }
}
