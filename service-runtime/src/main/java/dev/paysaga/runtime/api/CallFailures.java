package dev.paysaga.runtime.api;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * What a failed outgoing HTTP call proves. Only a failure to connect (refused, no route, unknown host,
 * connect timeout: Netty's {@code ConnectTimeoutException} is a {@link ConnectException}) proves that no
 * byte of the request left; anything else (a read timeout, a closed or reset connection) may have come
 * after the other side acted on it.
 */
public final class CallFailures {
    private CallFailures() {
    }

    /** The cause proving the request never left, or null if it may have arrived. */
    public static Throwable neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return cause;
            }
        }
        return null;
    }
}
