package dev.paysaga.order.domain;

import dev.paysaga.order.persistence.DatabaseClock;
import dev.paysaga.order.persistence.OrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Closes orders still waiting for payment when their payment window ends ({@code expires_at}),
 * with reason {@code payment_timeout}. Each batch is claimed {@code FOR UPDATE SKIP LOCKED}, so
 * replicas sweeping at once share the work and an order a merchant cancel or a saga step holds is
 * left to them. A PAYING order is not touched: its saga decides, and if it cancels the payment the
 * order is back to PENDING_PAYMENT and the next sweep closes it.
 */
@ApplicationScoped
public class UnpaidOrderTimeouts {
    /** Bounds one sweep: at most this many batches, each its own short transaction. */
    static final int MAX_BATCHES_PER_SWEEP = 10;
    static final int MAX_BATCH_SIZE = 1_000;

    private final OrderRepository orders;
    private final OrderClosing closing;
    private final DatabaseClock clock;
    private final int batchSize;

    UnpaidOrderTimeouts(OrderRepository orders, OrderClosing closing, DatabaseClock clock,
            @ConfigProperty(name = "paysaga.order.sweep-batch-size") int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("paysaga.order.sweep-batch-size must be 1 to " + MAX_BATCH_SIZE);
        }
        this.orders = orders;
        this.closing = closing;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Closes what has expired by the database's clock; returns how many orders were closed. */
    public Uni<Integer> closeExpired() {
        return Panache.withSession(clock::now).chain(now -> closeExpired(now));
    }

    /** Closes the unpaid orders whose {@code expires_at} is at or before {@code now}; returns how many. */
    public Uni<Integer> closeExpired(Instant now) {
        return closeBatches(now, 1, 0);
    }

    private Uni<Integer> closeBatches(Instant now, int batch, int closedBefore) {
        return Panache.withTransaction(() -> orders.lockExpiredUnpaid(now, batchSize)
                        .call(due -> closing.closeLocked(due, OrderClosing.PAYMENT_TIMEOUT))
                        .map(due -> due.size()))
                .chain(closed -> closed == batchSize && batch < MAX_BATCHES_PER_SWEEP
                        ? closeBatches(now, batch + 1, closedBefore + closed)
                        : Uni.createFrom().item(closedBefore + closed));
    }
}
