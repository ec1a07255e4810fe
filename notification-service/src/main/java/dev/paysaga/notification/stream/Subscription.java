package dev.paysaga.notification.stream;

import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * One open stream's place in {@link LiveEvents}. It is registered before the stream reads what it missed
 * from the database, so nothing that becomes visible meanwhile is lost: such events wait here until the
 * stream has sent its backlog, and then only those past the backlog's last position go out (none twice).
 * Events, heartbeats and the end go to the stream's emitter one thread at a time.
 */
public final class Subscription {
    /** Which events a subscription wants: one merchant's, one subject's (a payment's), or all. */
    public record Interest(String key) {
        static final Interest ALL = new Interest("all");

        public static Interest merchant(String merchantId) {
            return merchantId == null ? ALL : new Interest("merchant:" + merchantId);
        }

        public static Interest subject(String subject) {
            return new Interest("subject:" + subject);
        }
    }

    private final Interest interest;
    private final int capacity;
    private final Queue<StreamedEvent> waiting = new ArrayDeque<>();
    private MultiEmitter<? super StreamFrame> emitter;
    private Predicate<StreamedEvent> last;
    private long sentUpTo;
    private boolean overflowed;
    private boolean ended;

    Subscription(Interest interest, int capacity) {
        this.interest = interest;
        this.capacity = capacity;
    }

    Interest interest() {
        return interest;
    }

    /** A new event from {@link LiveEvents}, in position order. */
    synchronized void offer(StreamedEvent event) {
        if (ended) {
            return;
        }
        if (emitter == null) {
            if (waiting.size() < capacity) {
                waiting.add(event);
            } else {
                overflowed = true;
            }
        } else {
            send(event);
        }
    }

    /**
     * Sends the backlog, then what waited beyond it, and goes live. With {@code more} the backlog was cut
     * short, or more events arrived while it was read than may wait: the stream ends after the backlog, and
     * the client resumes from its last event on a new connection. The end is a completed response, never a
     * failure, so the client sees the connection close and reconnects.
     */
    synchronized void start(MultiEmitter<? super StreamFrame> emitter, long after, List<StreamedEvent> backlog,
            boolean more, Predicate<StreamedEvent> last) {
        this.emitter = emitter;
        this.last = last;
        this.sentUpTo = after;
        for (StreamedEvent event : backlog) {
            send(event);
        }
        if (more && !ended) {
            end();
        }
        if (overflowed && !ended) {
            // More arrived meanwhile than may wait: end after the backlog, the client resumes from its last event.
            end();
        }
        StreamedEvent event;
        while (!ended && (event = waiting.poll()) != null) {
            send(event);
        }
        waiting.clear();
    }

    /** A heartbeat, between events. */
    synchronized void heartbeat() {
        if (emitter != null && !ended) {
            emitter.emit(StreamFrame.HEARTBEAT);
        }
    }

    private void send(StreamedEvent event) {
        if (ended || event.position() <= sentUpTo) {
            return;
        }
        sentUpTo = event.position();
        emitter.emit(new StreamFrame.Event(event));
        if (last.test(event)) {
            end();
        }
    }

    private void end() {
        ended = true;
        emitter.complete();
    }
}
