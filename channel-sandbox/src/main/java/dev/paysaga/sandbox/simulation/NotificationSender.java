package dev.paysaga.sandbox.simulation;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Delivers a channel's asynchronous notifications to the merchant: POSTs, and retries with doubling
 * delays (capped) until the merchant acknowledges in the channel's terms, at most max-attempts times.
 * Each attempt asks the notification for its request, so a channel that signs every delivery afresh
 * (WeChat Pay) can, and one that resends the same form (Alipay) simply returns it again.
 */
@ApplicationScoped
public class NotificationSender {
    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final SandboxScheduler scheduler;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    public NotificationSender(SandboxScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** One HTTP request to the merchant. */
    public record Post(String contentType, Map<String, String> headers, String body) {
    }

    /** What the merchant answered to one POST: HTTP status (0 if none), body, or the connection error. */
    public record Delivery(int status, String body, String error) {
    }

    /** How a channel retries: bounded attempts, delays doubling from the first up to the cap. */
    public record RetryPolicy(int maxAttempts, long firstRetryMillis, long maxRetryMillis, Duration timeout) {
        public RetryPolicy {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("notify max-attempts must be 1 to 100");
            }
        }

        long delayAfter(int attempt) {
            return Math.min(maxRetryMillis, firstRetryMillis << Math.min(attempt - 1, 20));
        }
    }

    /** One notification as a channel delivers it. */
    public interface Notification {
        String url();

        /** The request of the next attempt. */
        Post post();

        /** Whether this answer acknowledges the notification, in the channel's terms. */
        boolean acknowledgedBy(Delivery delivery);

        /** Told of every attempt, for the admin API's counters. */
        void attempted(boolean acknowledged);
    }

    /** Sends in the background, retrying until acknowledged or the policy's attempts are spent. */
    public void send(Notification notification, RetryPolicy policy) {
        scheduler.later(0, () -> attempt(notification, policy, 1));
    }

    /** One POST now, no retry (the admin API's duplicate or forged notification). */
    public Delivery sendOnce(Notification notification, Duration timeout) {
        Delivery delivery = post(notification.url(), notification.post(), timeout);
        notification.attempted(notification.acknowledgedBy(delivery));
        return delivery;
    }

    private void attempt(Notification notification, RetryPolicy policy, int attempt) {
        Delivery delivery = post(notification.url(), notification.post(), policy.timeout());
        boolean acknowledged = notification.acknowledgedBy(delivery);
        notification.attempted(acknowledged);
        if (acknowledged) {
            return;
        }
        if (attempt >= policy.maxAttempts()) {
            LOG.warnf("notification to %s not acknowledged after %d attempts (last: %s)", notification.url(), attempt,
                    delivery);
            return;
        }
        long delayMillis = policy.delayAfter(attempt);
        LOG.debugf("notification to %s attempt %d answered %s; retry in %d ms", notification.url(), attempt, delivery,
                delayMillis);
        scheduler.later(delayMillis, () -> attempt(notification, policy, attempt + 1));
    }

    private Delivery post(String url, Post post, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", post.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(post.body(), StandardCharsets.UTF_8));
            post.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(response.statusCode(), response.body(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Delivery(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, null, "interrupted");
        }
    }
}
