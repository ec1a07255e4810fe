package dev.paysaga.channel.gateway;

import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.ChannelUnreachableException;
import dev.paysaga.runtime.api.CallFailures;

/**
 * What a failed gateway call means for the payment: unreachable only when it provably never left
 * ({@link CallFailures#neverSent}); otherwise the channel may have received it, and the outcome is unknown.
 */
public final class GatewayFailures {
    private GatewayFailures() {
    }

    public static ChannelUnavailableException of(String call, Throwable failure) {
        if (failure instanceof ChannelUnavailableException known) {
            return known;
        }
        Throwable neverSent = CallFailures.neverSent(failure);
        if (neverSent != null) {
            return new ChannelUnreachableException(call + " could not connect: " + neverSent.getClass().getSimpleName());
        }
        return new ChannelUnavailableException(call + " failed: " + failure.getClass().getSimpleName());
    }
}
