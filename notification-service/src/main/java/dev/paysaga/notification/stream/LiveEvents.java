package dev.paysaga.notification.stream;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.messaging.CommitWakeups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * This replica's open streams, fed from the database: each time positions are given (on any replica) it
 * reads the newly positioned events once and hands each to the streams that want it. Any replica can
 * serve any stream, since every replica reads every event; a stream costs one {@link Subscription}, no
 * query of its own.
 */
@ApplicationScoped
public class LiveEvents {
    private static final int PAGE = 500;
    private static final Duration STARTING = Duration.ofSeconds(30);

    private final EventBacklog backlog;
    private final CommitWakeups wakeups;
    private final StreamsConfig config;
    private final Map<Subscription.Interest, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Timer lag;
    private long readUpTo;
    /** Set once this replica knows where new events start: a stream opened before could miss some. */
    private volatile boolean ready;

    LiveEvents(EventBacklog backlog, CommitWakeups wakeups, StreamsConfig config, MeterRegistry registry) {
        this.backlog = backlog;
        this.wakeups = wakeups;
        this.config = config;
        registry.gauge("paysaga.streams.open", open);
        this.lag = Timer.builder("paysaga.streams.lag")
                .description("Time from an event to its being handed to this replica's open streams")
                .publishPercentileHistogram()
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        // Where new events start, found before any stream opens: every stream reads its own backlog after this.
        readUpTo = backlog.latest().await().atMost(STARTING);
        ready = true;
        wakeups.listen(EventSequencer.POSITIONED_CHANNEL, config.sweepInterval(), this::readNew);
    }

    /**
     * Registers a stream, or refuses it with 503 when this replica holds as many as it may (the client
     * reconnects, perhaps to another replica). The caller then reads its backlog and lets
     * {@link EventStreams} attach it; it must be {@link #close closed} in the end.
     */
    public Subscription subscribe(Subscription.Interest interest) {
        if (!ready) {
            throw new ApiException(503, "service_unavailable", "This replica is starting; reconnect");
        }
        if (open.incrementAndGet() > config.maxStreams()) {
            open.decrementAndGet();
            throw new ApiException(503, "service_unavailable", "This replica serves as many streams as it may; reconnect");
        }
        Subscription subscription = new Subscription(interest, config.bufferSize());
        subscriptions.compute(interest, (key, same) -> {
            Set<Subscription> updated = same != null ? same : ConcurrentHashMap.newKeySet();
            updated.add(subscription);
            return updated;
        });
        return subscription;
    }

    /** Whether streams can be opened: this replica knows where new events start. */
    public boolean ready() {
        return ready;
    }

    /** Ends a stream's subscription; a payment's interest goes with its last stream, so none pile up. */
    public void close(Subscription subscription) {
        subscriptions.computeIfPresent(subscription.interest(), (key, same) -> {
            if (same.remove(subscription)) {
                open.decrementAndGet();
            }
            return same.isEmpty() ? null : same;
        });
    }

    /** Reads what was positioned since the last read and hands it out; true if more may be waiting. */
    private Uni<Boolean> readNew() {
        return backlog.after(readUpTo, null, PAGE).map(events -> {
            events.forEach(this::handOut);
            if (!events.isEmpty()) {
                readUpTo = events.get(events.size() - 1).position();
            }
            return events.size() == PAGE;
        });
    }

    private void handOut(StreamedEvent event) {
        // An event about no merchant is the platform's: its merchant interest is ALL, offered once.
        Stream.of(Subscription.Interest.ALL, Subscription.Interest.merchant(event.merchantId()),
                        Subscription.Interest.subject(event.subject()))
                .distinct()
                .map(subscriptions::get)
                .filter(interested -> interested != null)
                .forEach(interested -> interested.forEach(subscription -> subscription.offer(event)));
        lag.record(Duration.between(event.occurredAt(), Instant.now()));
    }
}
