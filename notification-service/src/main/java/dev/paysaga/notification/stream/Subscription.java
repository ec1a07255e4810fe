package dev.paysaga.notification.stream;

import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One open stream's place in {@link LiveEvents}. It is registered before the stream reads what it missed
 * from the database, so nothing that becomes visible meanwhile is lost: such events wait here until the
 * stream has sent its backlog, and then only those past the backlog's last position go out (none twice).
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
    private MultiEmitter<? super StreamedEvent> emitter;
    private long sentUpTo;
    private boolean overflowed;

    Subscription(Interest interest, int capacity) {
        this.interest = interest;
        this.capacity = capacity;
    }

    Interest interest() {
        return interest;
    }

    /** A new event from {@link LiveEvents}, in position order. */
    synchronized void offer(StreamedEvent event) {
        if (emitter == null) {
            if (waiting.size() < capacity) {
                waiting.add(event);
            } else {
                overflowed = true;
            }
        } else if (event.position() > sentUpTo) {
            sentUpTo = event.position();
            emitter.emit(event);
        }
    }

    /** Goes live once the backlog up to {@code sentUpTo} is sent: what waited beyond it first. */
    synchronized void attach(MultiEmitter<? super StreamedEvent> emitter, long sentUpTo) {
        if (overflowed) {
            emitter.fail(new BackPressureFailure("more than " + capacity + " events arrived while the backlog was read"));
            return;
        }
        this.sentUpTo = sentUpTo;
        this.emitter = emitter;
        StreamedEvent event;
        while ((event = waiting.poll()) != null) {
            offer(event);
        }
    }
}
