package dev.paysaga.channel.domain.routing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The channels a payment may try, in order, and why: the rule that matched, what it excluded, the
 * strategy and its scores. {@link #reason} is the text every attempt records.
 */
public record RoutingDecision(RouteRequest request, RouteRule rule, String strategy,
        RoutingStrategy.Ranking ranking, List<Exclusion> excluded) {

    /** A channel of the rule that cannot take this payment. */
    public record Exclusion(String channel, Ineligible why) {
        @Override
        public String toString() {
            return channel + " (" + why.text + ")";
        }
    }

    public RoutingDecision {
        excluded = List.copyOf(excluded);
        if (ranking.order().isEmpty()) {
            throw new IllegalArgumentException("a decision has at least one channel to try");
        }
    }

    public List<String> channels() {
        return ranking.channels();
    }

    /** Why the {@code index}-th channel of the order is tried ({@code after}: what happened before, or null). */
    public String reason(int index, String after) {
        StringBuilder reason = new StringBuilder()
                .append("method ").append(request.method()).append(" in ").append(request.currency())
                .append('/').append(request.terminal())
                .append(": rule ").append(rule.name()).append(' ').append(rule.channels());
        if (!excluded.isEmpty()) {
            reason.append("; excluded ").append(excluded.stream().map(Exclusion::toString).collect(Collectors.joining(", ")));
        }
        reason.append("; strategy ").append(ranking.explanation())
                .append("; choice ").append(index + 1).append(" of ").append(channels().size())
                .append(": ").append(channels().get(index));
        if (after != null) {
            reason.append("; after ").append(after);
        }
        return reason.toString();
    }
}
