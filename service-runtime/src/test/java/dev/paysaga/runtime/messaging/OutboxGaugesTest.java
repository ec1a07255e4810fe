package dev.paysaga.runtime.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay's gauges against the real database: a message it cannot take (another transaction holds its key's
 * advisory lock, as a relay busy with that key would) is counted pending, and its age shows in
 * {@code paysaga.outbox.oldest.pending.age} until it is gone.
 */
@QuarkusTest
class OutboxGaugesTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final double MONTH = Duration.ofDays(30).toSeconds();

    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;

    @Test
    void aMessageTheRelayCannotTakeIsPendingWithItsAgeUntilItIsGone() {
        String key = "outbox-gauges-test-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        SqlConnection holder = pool.getConnection().await().atMost(WITHIN);
        Transaction transaction = holder.begin().await().atMost(WITHIN);
        try {
            holder.preparedQuery("select pg_advisory_xact_lock($1, hashtext($2))")
                    .execute(Tuple.of(OutboxRelay.LOCK_NAMESPACE, key)).await().atMost(WITHIN);
            pool.preparedQuery("""
                    insert into outbox_message (id, topic, partition_key, type, source, payload, created_at)
                    values ($1, 'paysaga.test', $2, 'test', 'OutboxGaugesTest', '{}', now() - interval '31 days')""")
                    .execute(Tuple.of(id, key)).await().atMost(WITHIN);

            await().atMost(WITHIN).until(() -> gauge("paysaga.outbox.oldest.pending.age") > MONTH);
            assertTrue(gauge("paysaga.outbox.pending") >= 1);
        } finally {
            pool.preparedQuery("delete from outbox_message where id = $1").execute(Tuple.of(id)).await().atMost(WITHIN);
            transaction.rollback().await().atMost(WITHIN);
            holder.close().await().atMost(WITHIN);
        }
        await().atMost(WITHIN).until(() -> gauge("paysaga.outbox.oldest.pending.age") < MONTH);
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }
}
