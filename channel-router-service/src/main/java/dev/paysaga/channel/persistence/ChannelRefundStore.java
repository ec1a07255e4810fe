package dev.paysaga.channel.persistence;

import dev.paysaga.channel.domain.ChannelRefundRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Channel refund rows; like transactions, the database is the clock for queries that are due. */
@ApplicationScoped
public class ChannelRefundStore {
    private static final String INSERT = """
            insert into channel_refund (refund_id, payment_id, channel, amount, currency, reason, status,
                next_query_at, created_at, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', now() + ?7 * interval '1 millisecond', now(), now())
            on conflict (refund_id) do nothing""";
    private static final String LOCK = "select refund_id from channel_refund where refund_id = ?1 for update";
    /** What a payment's refunds hold against it: everything asked for that did not fail. */
    private static final String HELD = """
            select coalesce(sum(amount), 0) from channel_refund where payment_id = ?1 and status <> 'FAILED'""";
    private static final String CLAIM_DUE = DueRows.claim("channel_refund", "refund_id", "t.refund_id");

    private final Pool pool;

    ChannelRefundStore(Pool pool) {
        this.pool = pool;
    }

    public record New(String refundId, String paymentId, String channel, long amountMinor, String currency,
            String reason) {
    }

    /** Inserts the refund unless one exists with its id; true if this call inserted it. */
    public Uni<Boolean> insertIfAbsent(New refund, Duration firstQueryAfter) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                .setParameter(1, refund.refundId()).setParameter(2, refund.paymentId())
                .setParameter(3, refund.channel()).setParameter(4, refund.amountMinor())
                .setParameter(5, refund.currency()).setParameter(6, refund.reason())
                .setParameter(7, firstQueryAfter.toMillis())
                .executeUpdate()).map(n -> n == 1);
    }

    /** The refund with its row locked until the current transaction ends, or null (read nothing of it before). */
    public Uni<ChannelRefundRecord> lock(String refundId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(LOCK, String.class).setParameter(1, refundId).getResultList())
                .chain(found -> found.isEmpty() ? Uni.createFrom().nullItem()
                        : ChannelRefundRecord.<ChannelRefundRecord>findById(refundId));
    }

    public Uni<ChannelRefundRecord> find(String refundId) {
        return ChannelRefundRecord.findById(refundId);
    }

    /** The sum of the payment's refunds that succeeded or may still succeed. */
    public Uni<Long> held(String paymentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(HELD, Long.class)
                .setParameter(1, paymentId).getSingleResult());
    }

    /** Claims at most {@code limit} pending refunds whose query is due (see {@link DueRows}). */
    public Uni<List<String>> claimDue(int limit, Duration backoffBase, Duration backoffCap) {
        return pool.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(limit, backoffBase.toMillis(), backoffCap.toMillis()))
                .map(rows -> {
                    List<String> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(row.getString("refund_id"));
                    }
                    return due;
                });
    }
}
