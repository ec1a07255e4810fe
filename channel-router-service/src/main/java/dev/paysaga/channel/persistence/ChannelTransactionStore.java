package dev.paysaga.channel.persistence;

import dev.paysaga.channel.domain.ChannelTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Channel transaction rows. The database is the clock for everything that is due. */
@ApplicationScoped
public class ChannelTransactionStore {
    private static final String INSERT = """
            insert into channel_transaction (payment_id, merchant_id, channel, method, terminal, amount, currency,
                status, routing_reason, next_query_at, created_at, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', ?8, now() + ?9 * interval '1 millisecond', now(), now())
            on conflict (payment_id) do nothing""";
    private static final String LOCK = "select payment_id from channel_transaction where payment_id = ?1 for update";
    private static final String CLAIM_DUE = DueRows.claim("channel_transaction", "payment_id", "t.payment_id, t.channel");

    private final Pool pool;

    ChannelTransactionStore(Pool pool) {
        this.pool = pool;
    }

    public record New(String paymentId, String merchantId, String channel, String method, String terminal,
            long amountMinor, String currency, String routingReason) {
    }

    /** Inserts the transaction unless one exists for its payment id; true if this call inserted it. */
    public Uni<Boolean> insertIfAbsent(New tx, Duration firstQueryAfter) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                .setParameter(1, tx.paymentId()).setParameter(2, tx.merchantId()).setParameter(3, tx.channel())
                .setParameter(4, tx.method()).setParameter(5, tx.terminal()).setParameter(6, tx.amountMinor())
                .setParameter(7, tx.currency()).setParameter(8, tx.routingReason())
                .setParameter(9, firstQueryAfter.toMillis())
                .executeUpdate()).map(n -> n == 1);
    }

    /**
     * The transaction with its row locked until the current transaction ends, or null. Call it
     * before anything else in its session reads the row (the session would hand back a stale copy).
     */
    public Uni<ChannelTransaction> lock(String paymentId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(LOCK, String.class).setParameter(1, paymentId).getResultList())
                .chain(found -> found.isEmpty() ? Uni.createFrom().nullItem()
                        : ChannelTransaction.<ChannelTransaction>findById(paymentId));
    }

    public Uni<ChannelTransaction> find(String paymentId) {
        return ChannelTransaction.findById(paymentId);
    }

    public record Due(String paymentId, String channel) {
    }

    /** Claims at most {@code limit} pending transactions whose query is due (see {@link DueRows}). */
    public Uni<List<Due>> claimDue(int limit, Duration backoffBase, Duration backoffCap) {
        return pool.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(limit, backoffBase.toMillis(), backoffCap.toMillis()))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getString("payment_id"), row.getString("channel")));
                    }
                    return due;
                });
    }
}
