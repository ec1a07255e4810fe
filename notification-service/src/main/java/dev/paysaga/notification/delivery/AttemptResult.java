package dev.paysaga.notification.delivery;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param statusCode the endpoint's HTTP status; null when it did not answer (timeout, refused, unresolvable)
 * @param response the answer's first {@value #MAX_RESPONSE} characters, for the attempt log
 * @param error why there was no answer, or why the address was refused
 * @param retryAfter the endpoint's {@code Retry-After}, if it sent one
 */
record AttemptResult(Integer statusCode, long latencyMs, String response, String error, Duration retryAfter) {
    static final int MAX_RESPONSE = 1024;

    static AttemptResult noAnswer(long latencyMs, String error) {
        return new AttemptResult(null, latencyMs, null, error, null);
    }

    boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver says the endpoint is no more; PaySaga stops sending to it. */
    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
