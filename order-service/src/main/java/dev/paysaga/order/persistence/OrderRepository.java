package dev.paysaga.order.persistence;

import dev.paysaga.order.domain.Order;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Orders loaded with their row locked until the transaction ends. Locks are taken with plain SQL:
 * Hibernate Reactive's own PESSIMISTIC_WRITE also locks the order-line collection and fails
 * intermittently under concurrency (NPE in TableLock), and the order row is all that needs serialising.
 */
@ApplicationScoped
public class OrderRepository {
    private static final String LOCK = "select id from orders where id = ?1 for update";
    // Rows another transaction holds (a cancel, a saga step, another replica's sweep) are skipped,
    // not waited for; the status filter is re-checked on the locked row, so a row closed meanwhile drops out.
    private static final String LOCK_EXPIRED_UNPAID = """
            select id from orders where status = 'PENDING_PAYMENT' and expires_at <= ?1
             order by expires_at limit ?2 for update skip locked""";

    /** The order, locked, or null. */
    public Uni<Order> lockedForUpdate(String orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, String.class)
                        .setParameter(1, orderId)
                        .getResultList())
                .chain(found -> found.isEmpty() ? Uni.createFrom().nullItem() : Order.<Order>findById(orderId));
    }

    /** The order, locked, if {@code caller} may see it; {@code not_found} otherwise, exactly as for an unknown id. */
    public Uni<Order> lockedFor(Caller caller, String orderId) {
        return lockedForUpdate(orderId).map(order -> visible(caller, orderId, order));
    }

    /** The order if {@code caller} may see it; {@code not_found} otherwise, exactly as for an unknown id. */
    public Uni<Order> findFor(Caller caller, String orderId) {
        return Order.<Order>findById(orderId).map(order -> visible(caller, orderId, order));
    }

    private static Order visible(Caller caller, String orderId, Order order) {
        if (order == null || !order.visibleTo(caller)) {
            throw ApiException.notFound("order", orderId);
        }
        return order;
    }

    /** Up to {@code limit} unpaid orders whose payment window ended by {@code now}, oldest first, locked. */
    public Uni<List<Order>> lockExpiredUnpaid(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_EXPIRED_UNPAID, String.class)
                        .setParameter(1, now.atOffset(ZoneOffset.UTC))
                        .setParameter(2, limit)
                        .getResultList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> Order.<Order>findById(id))
                        .collect().asList());
    }
}
