package dev.paysaga.notification.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.ids.Ids;
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
 * Positions follow commit order, not insert order: an event inserted first but committed last is
 * positioned after one that committed while it was open, so a stream that has read up to the second
 * still finds the first.
 */
@QuarkusTest
class EventSequencerTest {
    private static final String INSERT = """
            insert into merchant_event (id, message_id, type, subject, merchant_id, data, occurred_at)
            values ($1, $2, 'payment.succeeded', $3, 'mer_sequencer_test', '{}'::jsonb, now())""";

    @Inject
    Pool pool;

    @Test
    void anEventCommittedLaterIsPositionedLaterWhateverItsInsertOrder() {
        String early = Ids.next("evt");
        String late = Ids.next("evt");
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction open = connection.begin().await().atMost(Duration.ofSeconds(10));
            insert(connection, early);
            insert(pool, late); // committed at once, while the first is still open

            await().atMost(Duration.ofSeconds(10)).until(() -> position(late) != null);
            assertNull(position(early), "an uncommitted event has no position");
            open.commit().await().atMost(Duration.ofSeconds(10));
        } finally {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> position(early) != null);
        assertTrue(position(early) > position(late), "committed last, positioned last");
    }

    private static void insert(io.vertx.mutiny.sqlclient.SqlClient client, String id) {
        client.preparedQuery(INSERT).execute(Tuple.of(id, UUID.randomUUID().toString(), Ids.next("pay")))
                .await().atMost(Duration.ofSeconds(10));
    }

    private Long position(String id) {
        var rows = pool.preparedQuery("select position from merchant_event where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? null : rows.iterator().next().getLong("position"); // not visible yet: none
    }
}
