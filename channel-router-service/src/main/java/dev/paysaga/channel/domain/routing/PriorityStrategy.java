package dev.paysaga.channel.domain.routing;

import java.util.Comparator;
import java.util.List;

/** The routing table's own order: the platform default, so routing follows the default table. */
public final class PriorityStrategy implements RankingKey {
    public static final String NAME = "priority";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Comparator<Candidate> comparator(List<Candidate> candidates) {
        return Comparator.comparingInt(Candidate::position);
    }

    @Override
    public String describe(Candidate candidate, List<Candidate> candidates) {
        return candidate.channel() + "#" + (candidate.position() + 1);
    }
}
