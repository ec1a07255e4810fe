package dev.paysaga.runtime.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Work that waits in a table and is announced with {@code NOTIFY}: PostgreSQL delivers a notification
 * only when the notifying transaction commits, so a worker woken by it runs exactly when there is
 * something new. A sweep every interval is the safety net for notifications lost while the listening
 * connection was down, and for work that falls due with time (a retry scheduled for later).
 *
 * <p>One listening connection serves every channel of the service. Each run of a worker has a Vert.x
 * context of its own ({@link IsolatedContext}), so it may use Hibernate Reactive.
 */
@ApplicationScoped
public class CommitWakeups {
    private static final Logger LOG = Logger.getLogger(CommitWakeups.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final List<Long> timers = new ArrayList<>();
    private PgSubscriber subscriber;

    CommitWakeups(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String databaseUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> databasePassword) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(databaseUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(databaseUser)
                .setPassword(databasePassword.orElse(""));
    }

    /**
     * Runs {@code step} on every commit that notified {@code channel}, after each reconnect and every
     * {@code sweep}; never two at once. A step answers whether more work may be waiting: if so, or if a
     * wake-up came while it ran, it runs again at once.
     */
    public synchronized Worker listen(String channel, Duration sweep, Supplier<Uni<Boolean>> step) {
        Worker worker = new Worker(channel, () -> IsolatedContext.run(vertx.getDelegate(), step));
        boolean first = subscriber == null;
        if (first) {
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
        }
        // A channel added to a connected subscriber LISTENs at once; the first connect LISTENs to all.
        subscriber.channel(channel)
                .subscribeHandler(worker::wake) // also after a reconnect: catch up on what was missed
                .handler(payload -> worker.wake());
        if (first) {
            subscriber.connect().subscribe().with(
                    ok -> LOG.debugf("Listening for commits"),
                    failure -> LOG.warnf("Cannot LISTEN yet (%s); the sweeps run meanwhile", failure.getMessage()));
        }
        timers.add(vertx.setPeriodic(sweep.toMillis(), id -> worker.wake()));
        worker.wake();
        return worker;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    /** One channel's worker: at most one step running, and no wake-up lost. */
    public static final class Worker {
        private final String channel;
        private final Supplier<Uni<Boolean>> step;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean requested = new AtomicBoolean();

        private Worker(String channel, Supplier<Uni<Boolean>> step) {
            this.channel = channel;
            this.step = step;
        }

        /** Runs the step now, or right after the one already running. */
        public void wake() {
            requested.set(true);
            if (running.compareAndSet(false, true)) {
                run();
            }
        }

        private void run() {
            requested.set(false);
            Uni.createFrom().deferred(step::get).subscribe().with(more -> {
                if (more || requested.get()) {
                    run();
                } else {
                    finish();
                }
            }, failure -> {
                LOG.warnf("%s: failed, retrying on the next wake-up: %s", channel, failure.toString());
                finish();
            });
        }

        private void finish() {
            running.set(false);
            // A wake-up that raced with the end of the previous run must not be lost.
            if (requested.get() && running.compareAndSet(false, true)) {
                run();
            }
        }
    }
}
