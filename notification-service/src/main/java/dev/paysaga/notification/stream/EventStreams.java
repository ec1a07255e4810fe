package dev.paysaga.notification.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Predicate;

/**
 * Puts a live stream together: a first heartbeat (the client and any proxy know it is open), the events
 * it missed, read from the database, then what its {@link Subscription} collects, each event once and in
 * position order, with a heartbeat every interval. The stream is one emitter, fed by the subscription:
 * what the client has not taken yet waits in a bounded buffer, and a client that falls further behind is
 * disconnected (it resumes from its last event).
 */
@ApplicationScoped
public class EventStreams {
    private final LiveEvents live;
    private final StreamsConfig config;
    private final Vertx vertx;

    EventStreams(LiveEvents live, StreamsConfig config, Vertx vertx) {
        this.live = live;
        this.config = config;
        this.vertx = vertx;
    }

    /** The most events one connection's backlog sends; a client further behind resumes on a new connection. */
    public int backlogLimit() {
        return config.bufferSize();
    }

    /**
     * @param subscription registered before {@code backlog} is read
     * @param after the position the client has seen up to
     * @param backlog what came after it, at most {@link #backlogLimit()} events
     * @param last the event after which the stream ends (a payment's outcome); never, for a merchant's stream
     */
    public Multi<StreamFrame> open(Subscription subscription, long after, Uni<List<StreamedEvent>> backlog,
            Predicate<StreamedEvent> last) {
        return Multi.createFrom().<StreamFrame>emitter(emitter -> {
            emitter.emit(StreamFrame.HEARTBEAT);
            long heartbeats = vertx.setPeriodic(config.heartbeat().toMillis(), id -> subscription.heartbeat());
            emitter.onTermination(() -> {
                vertx.cancelTimer(heartbeats);
                live.close(subscription);
            });
            backlog.subscribe().with(
                    missed -> subscription.start(emitter, after, missed, missed.size() >= backlogLimit(), last),
                    emitter::fail);
        }, 2 * config.bufferSize())
                // A client too slow for its buffer is disconnected cleanly; it resumes from its last event.
                .onFailure(BackPressureFailure.class).recoverWithCompletion();
    }
}
