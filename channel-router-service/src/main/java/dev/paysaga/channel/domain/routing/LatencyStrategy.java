package dev.paysaga.channel.domain.routing;

import java.util.Comparator;
import java.util.List;

/**
 * Fastest first by p95 create latency over the health window. A channel with fewer than
 * {@code minSamples} samples ranks first: it has to be measured to be compared (and a channel whose
 * samples aged out is measured again).
 */
public final class LatencyStrategy implements RankingKey {
    public static final String NAME = "latency";
    private final long minSamples;

    public LatencyStrategy(long minSamples) {
        this.minSamples = minSamples;
    }

    @Override
    public String name() {
        return NAME;
    }

    private long key(Candidate c) {
        return c.health().samples() < minSamples ? -1 : c.health().p95Millis();
    }

    @Override
    public Comparator<Candidate> comparator(List<Candidate> candidates) {
        return Comparator.comparingLong(this::key);
    }

    @Override
    public String describe(Candidate candidate, List<Candidate> candidates) {
        long key = key(candidate);
        return candidate.channel() + (key < 0 ? " p95=unmeasured" : " p95<=" + key + "ms")
                + " n=" + candidate.health().samples();
    }
}
