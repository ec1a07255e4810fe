package dev.paysaga.channel.domain.routing;

/**
 * An eligible channel as the strategies see it.
 *
 * @param position  its place in the matching rule (0 = preferred by the table)
 * @param feeMinor  what it would charge for this payment, in minor units
 * @param weight    the merchant's weight for it (weighted strategies); 0 = fallback only
 */
public record Candidate(String channel, int position, long feeMinor, HealthSnapshot health, long weight) {
}
