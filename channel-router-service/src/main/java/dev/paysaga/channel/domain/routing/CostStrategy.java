package dev.paysaga.channel.domain.routing;

import java.util.Comparator;
import java.util.List;

/** Cheapest first: fees compared as integers of minor units (fixed + percentage, rounded up); ties keep table order. */
public final class CostStrategy implements RankingKey {
    public static final String NAME = "cost";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Comparator<Candidate> comparator(List<Candidate> candidates) {
        return Comparator.comparingLong(Candidate::feeMinor);
    }

    @Override
    public String describe(Candidate candidate, List<Candidate> candidates) {
        return candidate.channel() + " fee=" + candidate.feeMinor();
    }
}
