package dev.paysaga.notification.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Puts a live stream together: the events it missed, read from the database, then the live ones its
 * {@link Subscription} collects, each once and in position order, with heartbeats while it is quiet.
 */
@ApplicationScoped
public class EventStreams {
    private final LiveEvents live;
    private final StreamsConfig config;

    EventStreams(LiveEvents live, StreamsConfig config) {
        this.live = live;
        this.config = config;
    }

    /**
     * @param subscription registered before {@code backlog} was read
     * @param after the position the client has seen up to
     * @param last the event after which the stream ends (a payment's outcome); never, for a merchant's stream
     */
    public Multi<StreamFrame> open(Subscription subscription, Multi<StreamedEvent> backlog, long after,
            Predicate<StreamedEvent> last) {
        AtomicLong sent = new AtomicLong(after);
        Multi<StreamedEvent> liveEvents = Multi.createFrom().<StreamedEvent>emitter(
                        emitter -> subscription.attach(emitter, sent.get()), BackPressureStrategy.IGNORE)
                .onOverflow().buffer(config.bufferSize());
        Multi<StreamFrame> events = Multi.createBy().concatenating()
                .streams(backlog.onItem().invoke(event -> sent.set(event.position())), liveEvents)
                .onItem().transformToIterable(event -> last.test(event)
                        ? List.of(new StreamFrame.Event(event), StreamFrame.END)
                        : List.of(new StreamFrame.Event(event)));
        Multi<StreamFrame> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .onItem().transform(tick -> StreamFrame.HEARTBEAT);
        return Multi.createBy().merging().streams(events, heartbeats)
                .select().first(frame -> frame != StreamFrame.END)
                .onTermination().invoke(() -> live.close(subscription));
    }
}
