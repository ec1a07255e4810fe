package dev.paysaga.channel.gateway;

import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.ChannelUnreachableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * What a failed gateway call means for the payment. Only failures to connect (refused, no route, unknown
 * host, connect timeout: Netty's {@code ConnectTimeoutException} is a {@link ConnectException}) prove
 * that no byte of the request left; everything else (request timeout, connection closed, reset) may
 * have happened after the channel received it.
 */
public final class GatewayFailures {
    private GatewayFailures() {
    }

    public static ChannelUnavailableException of(String call, Throwable failure) {
        if (failure instanceof ChannelUnavailableException known) {
            return known;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return new ChannelUnreachableException(call + " could not connect: " + cause.getClass().getSimpleName());
            }
        }
        return new ChannelUnavailableException(call + " failed: " + failure.getClass().getSimpleName());
    }
}
