package dev.paysaga.runtime.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps the shared tables bounded: every {@code paysaga.retention.interval} each {@link Purge} deletes its
 * rows past their window, one short transaction of at most {@code paysaga.retention.batch} rows after
 * another while batches come back full. Every replica schedules it; a transaction-scoped advisory lock per
 * table lets one batch at a time run, and a replica that finds the lock taken leaves the table to the
 * holder until its next run. {@code paysaga_retention_deleted_total{table}} counts what went.
 */
@ApplicationScoped
public class RetentionJobs {
    private static final Logger LOG = Logger.getLogger(RetentionJobs.class);
    /** Namespace of the per-table advisory locks ("PSRT"). */
    static final int LOCK_NAMESPACE = 0x50535254;
    /** A batch that did not run: another replica holds the table's lock. */
    static final int TAKEN = -1;

    private static final String LOCK = "select pg_try_advisory_xact_lock($1, hashtext($2))";

    private final Pool pool;
    private final RetentionConfig config;
    private final Map<Purge, Counter> deleted = new EnumMap<>(Purge.class);

    RetentionJobs(Pool pool, RetentionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        for (Purge purge : Purge.values()) {
            deleted.put(purge, Counter.builder("paysaga.retention.deleted").tag("table", purge.table)
                    .description("Rows the retention job deleted, their window past").register(registry));
        }
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("Retention disabled (paysaga.retention.enabled=false): the shared tables keep every row");
        }
        for (Purge purge : Purge.values()) {
            if (purge.keep(config).compareTo(purge.floor) < 0) {
                LOG.warnf("%s keeps rows for %s only, less than the %s that retries and redeliveries may need",
                        purge.table, purge.keep(config), purge.floor);
            }
        }
    }

    @Scheduled(every = "${paysaga.retention.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeAll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        // One table after another: a failure is logged and the next table still runs.
        return Multi.createFrom().items(Purge.values())
                .onItem().transformToUniAndConcatenate(purge -> purge(purge)
                        .onFailure().invoke(e -> LOG.warnf("%s: retention failed, retrying next run: %s", purge.table, e))
                        .onFailure().recoverWithItem(0L))
                .collect().last().replaceWithVoid();
    }

    /** Deletes the table's rows past their window, batch after batch while batches are full; answers how many. */
    public Uni<Long> purge(Purge purge) {
        return purgeFrom(purge, 0);
    }

    private Uni<Long> purgeFrom(Purge purge, long sofar) {
        return deleteBatch(purge).chain(rows -> rows == config.batch()
                ? purgeFrom(purge, sofar + rows)
                : Uni.createFrom().item(sofar + Math.max(rows, 0)));
    }

    /** One transaction: at most a batch of rows past their window, or {@link #TAKEN}. */
    Uni<Integer> deleteBatch(Purge purge) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(LOCK_NAMESPACE, purge.table))
                .chain(lock -> !lock.iterator().next().getBoolean(0) ? Uni.createFrom().item(TAKEN)
                        : connection.preparedQuery(purge.deleteBatch)
                                .execute(Tuple.of(purge.keep(config).toMillis(), config.batch()))
                                .map(SqlResult::rowCount)))
                // Counted once committed.
                .invoke(rows -> deleted.get(purge).increment(Math.max(rows, 0)));
    }
}
