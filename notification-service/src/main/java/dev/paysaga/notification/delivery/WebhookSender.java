package dev.paysaga.notification.delivery;

import dev.paysaga.notification.domain.EndpointUrlPolicy;
import dev.paysaga.notification.domain.WebhooksConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * POSTs a signed event to an endpoint and reports what happened, never failing: a timeout, a refused
 * connection or an address the policy refuses is an attempt without an answer. Redirects are not
 * followed (a signed delivery goes where the merchant registered it, nowhere else).
 */
@ApplicationScoped
public class WebhookSender {
    private final WebClient client;
    private final EndpointUrlPolicy policy;
    private final Duration timeout;

    WebhookSender(Vertx vertx, EndpointUrlPolicy policy, WebhooksConfig config) {
        this.policy = policy;
        this.timeout = config.timeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000))
                .setFollowRedirects(false)
                .setMaxPoolSize(config.maxInFlight())
                .setUserAgent("PaySaga-Webhooks/1"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Uni<AttemptResult> send(String url, String eventId, List<String> secrets, String body) {
        long started = System.nanoTime();
        URI uri = URI.create(url);
        return policy.resolvesOutside(uri.getHost()).chain(refusal -> {
            if (refusal != null) {
                return Uni.createFrom().item(AttemptResult.noAnswer(0, refusal));
            }
            long timestamp = System.currentTimeMillis() / 1000;
            return client.postAbs(url)
                    .putHeader("content-type", "application/json")
                    .putHeader("webhook-id", eventId)
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", WebhookSignature.sign(secrets, eventId, timestamp, body))
                    .timeout(timeout.toMillis())
                    .sendBuffer(Buffer.buffer(body))
                    .map(response -> answered(response, millisSince(started)))
                    .onFailure().recoverWithItem(failure -> AttemptResult.noAnswer(millisSince(started), describe(failure)));
        });
    }

    private static AttemptResult answered(HttpResponse<Buffer> response, long latencyMs) {
        String text = response.bodyAsString();
        if (text != null && text.length() > AttemptResult.MAX_RESPONSE) {
            text = text.substring(0, AttemptResult.MAX_RESPONSE);
        }
        if (text != null) {
            text = text.replace('\u0000', '\uFFFD'); // PostgreSQL text holds no NUL
        }
        return new AttemptResult(response.statusCode(), latencyMs, text, null, retryAfter(response.getHeader("retry-after")));
    }

    /** Seconds or an HTTP date (RFC 9110); anything else is ignored. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
