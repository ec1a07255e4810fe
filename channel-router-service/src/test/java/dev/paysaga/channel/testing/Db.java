package dev.paysaga.channel.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reads the service's tables straight from PostgreSQL, for assertions. */
public record Db(Pool pool) {
    public List<Row> events(String paymentId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select type, payload from outbox_message where topic = 'channel.events' and partition_key = $1"
                + " order by position").execute(Tuple.of(paymentId)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    public Row transaction(String paymentId) {
        var rows = pool.preparedQuery("select * from channel_transaction where payment_id = $1")
                .execute(Tuple.of(paymentId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    /**
     * Puts off the active query of every pending transaction left by earlier tests and runs (their fake
     * gateways are gone), so that the sweep's bounded batches serve the test's own payments in time.
     */
    public void putOffEarlierPendingQueries() {
        pool.query("update channel_transaction set next_query_at = now() + interval '1 day'"
                + " where status = 'PENDING' and next_query_at < now() + interval '1 day'").execute().await().indefinitely();
    }
}
