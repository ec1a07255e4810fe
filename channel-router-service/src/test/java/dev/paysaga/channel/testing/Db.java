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
     * Everything the service holds about a payment, as text to compare before and after a request: its
     * transaction (without the active query's schedule, which the sweep moves on its own), attempts, refunds
     * and announced events; {@code none} for a payment it has nothing of.
     */
    public String state(String paymentId) {
        return pool.preparedQuery("""
                select coalesce((select (to_jsonb(t) - 'next_query_at' - 'query_attempts')::text
                                   from channel_transaction t where payment_id = $1), 'none')
                       || ' attempts=' || (select count(*) from channel_attempt where payment_id = $1)
                       || ' refunds=' || coalesce((select string_agg(refund_id || ':' || status, ',' order by refund_id)
                                                     from channel_refund where payment_id = $1), '')
                       || ' events=' || (select count(*) from outbox_message where partition_key = $1)""")
                .execute(Tuple.of(paymentId)).await().indefinitely().iterator().next().getString(0);
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
