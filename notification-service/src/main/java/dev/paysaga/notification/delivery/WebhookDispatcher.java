package dev.paysaga.notification.delivery;

import dev.paysaga.notification.delivery.Deliveries.Claimed;
import dev.paysaga.notification.domain.EventPayload;
import dev.paysaga.notification.domain.WebhookEndpoints;
import dev.paysaga.notification.domain.WebhooksConfig;
import dev.paysaga.runtime.messaging.CommitWakeups;
import dev.paysaga.runtime.messaging.IsolatedContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends what endpoints are owed. It wakes when a transaction that wrote deliveries commits, and every
 * sweep interval for retries that fell due; it claims as many as it has room for and lets each finish on
 * its own, so a slow endpoint holds its few slots and no one else's.
 *
 * <p>2xx: delivered. 410: the endpoint is disabled. Anything else (a timeout, a refused connection, 3xx,
 * 4xx, 5xx): retried on the schedule, then dead-lettered; an endpoint that has failed for days is disabled.
 * Each attempt is logged with its status, latency and the start of the answer.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final String CHANNEL = "paysaga_webhooks";
    /** How an attempt ends: the {@code outcome} of {@code paysaga.webhooks.attempts}. */
    private static final List<String> OUTCOMES = List.of("delivered", "gone", "retry", "dead_lettered");

    private final Deliveries deliveries;
    private final WebhookSender sender;
    private final WebhookEndpoints endpoints;
    private final CommitWakeups wakeups;
    private final WebhooksConfig config;
    private final RetrySchedule schedule;
    private final EventPayload payload;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final boolean enabled;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer lag;
    private CommitWakeups.Worker worker;

    WebhookDispatcher(Deliveries deliveries, WebhookSender sender, WebhookEndpoints endpoints, CommitWakeups wakeups,
            WebhooksConfig config, EventPayload payload, Vertx vertx, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.endpoints = endpoints;
        this.wakeups = wakeups;
        this.config = config;
        this.schedule = new RetrySchedule(config.retrySchedule());
        this.payload = payload;
        this.vertx = vertx;
        this.registry = registry;
        this.enabled = config.dispatcherEnabled();
        this.lag = Timer.builder("paysaga.webhooks.delivery.lag")
                .description("Time from an event to its delivery's 2xx answer")
                .publishPercentileHistogram()
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        registry.gauge("paysaga.webhooks.in_flight", inFlight);
        // From 0, so that an alert on increase() sees the first dead letter too (a new counter shows up at 1).
        OUTCOMES.forEach(this::counter);
        if (!enabled) {
            LOG.warn("Webhook dispatcher disabled (paysaga.webhooks.dispatcher.enabled=false): deliveries stay pending");
            return;
        }
        worker = wakeups.listen(CHANNEL, config.sweepInterval(), this::dispatchDue);
    }

    /** Claims what is due, as much as there is room for; true if more may be waiting. */
    private Uni<Boolean> dispatchDue() {
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().item(false); // a finishing delivery wakes the worker again
        }
        Duration lease = config.timeout().plus(config.timeout());
        return deliveries.claim(room, config.perEndpointConcurrency(), lease).map(claimed -> {
            claimed.forEach(this::send);
            return claimed.size() == room;
        });
    }

    private void send(Claimed delivery) {
        inFlight.incrementAndGet();
        Instant at = Instant.now();
        sender.send(delivery.url(), delivery.eventId(), delivery.secrets(), body(delivery))
                .chain(result -> IsolatedContext.run(vertx.getDelegate(), () -> settle(delivery, at, result)))
                .subscribe().with(ok -> finished(), failure -> {
                    // The lease runs out and the delivery is claimed again: at least once, never lost.
                    LOG.warnf("Webhook %s to %s: cannot record the attempt (%s)", delivery.eventId(), delivery.endpointId(),
                            failure.toString());
                    finished();
                });
    }

    private void finished() {
        inFlight.decrementAndGet();
        worker.wake();
    }

    private Uni<Void> settle(Claimed delivery, Instant at, AttemptResult result) {
        if (result.delivered()) {
            count("delivered");
            lag.record(Duration.between(delivery.occurredAt(), Instant.now()));
            return deliveries.delivered(delivery, at, result);
        }
        if (result.gone()) {
            count("gone");
            return deliveries.failed(delivery, at, result, null, config.disableAfter())
                    .chain(() -> disable(delivery.endpointId(), "the endpoint answered 410 Gone"));
        }
        Instant next = schedule.next(delivery.attempt(), Instant.now(), result.retryAfter());
        count(next == null ? "dead_lettered" : "retry");
        if (next == null) {
            LOG.infof("Webhook %s to %s dead-lettered after %d attempts", delivery.eventId(), delivery.endpointId(),
                    delivery.attempt());
        }
        return deliveries.failed(delivery, at, result, next, config.disableAfter())
                .chain(failingTooLong -> failingTooLong
                        ? disable(delivery.endpointId(), "every delivery failed for " + config.disableAfter().toHours() + " hours")
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> disable(String endpointId, String reason) {
        LOG.infof("Webhook endpoint %s disabled: %s", endpointId, reason);
        return Panache.withTransaction(() -> endpoints.disable(endpointId, reason));
    }

    /** The Standard Webhooks payload. */
    private String body(Claimed delivery) {
        return payload.of(delivery.eventId(), delivery.type(), delivery.occurredAt(), delivery.data());
    }

    private void count(String outcome) {
        counter(outcome).increment();
    }

    private Counter counter(String outcome) {
        return registry.counter("paysaga.webhooks.attempts", "outcome", outcome);
    }
}
