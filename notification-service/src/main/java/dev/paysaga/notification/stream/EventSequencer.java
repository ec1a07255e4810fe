package dev.paysaga.notification.stream;

import dev.paysaga.runtime.messaging.CommitWakeups;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives committed events their positions. Events are inserted by many transactions that commit in any
 * order; a reader that went by insert order could read event 7 before event 6's transaction committed and
 * never see 6. So positions are given after commit, by one sequencer at a time across every replica (a
 * transaction-scoped advisory lock): each batch's positions are all above every earlier batch's, and a
 * batch becomes visible at once when it commits. A reader that has seen position p will never find a new
 * event at or below p. The commit then wakes every replica's {@link LiveEvents}.
 */
@ApplicationScoped
public class EventSequencer {
    static final String EVENTS_CHANNEL = "paysaga_events";
    static final String POSITIONED_CHANNEL = "paysaga_event_positions";
    private static final long LOCK = 0x5041_5953_4551L; // "PAYSEQ"
    private static final int BATCH = 1000;
    private static final String ASSIGN = """
            with next as (select id from merchant_event where position is null order by received_at, id limit $1),
                 numbered as (select id, nextval('merchant_event_position') as position from next)
            update merchant_event e set position = n.position from numbered n where e.id = n.id""";

    private final Pool pool;
    private final CommitWakeups wakeups;
    private final StreamsConfig config;

    EventSequencer(Pool pool, CommitWakeups wakeups, StreamsConfig config) {
        this.pool = pool;
        this.wakeups = wakeups;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        wakeups.listen(EVENTS_CHANNEL, config.sweepInterval(), this::assign);
    }

    /** Positions the events committed since the last run; true if more may be waiting. */
    Uni<Boolean> assign() {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .chain(() -> connection.preparedQuery(ASSIGN).execute(Tuple.of(BATCH)))
                .chain(assigned -> assigned.rowCount() == 0 ? Uni.createFrom().item(false)
                        : connection.query("select pg_notify('" + POSITIONED_CHANNEL + "', '')").execute()
                                .map(notified -> assigned.rowCount() == BATCH)));
    }
}
