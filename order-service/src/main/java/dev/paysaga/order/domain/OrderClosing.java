package dev.paysaga.order.domain;

import dev.paysaga.contracts.OrderClosed;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.order.persistence.StockReservations;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Closes unpaid orders, releases their stock and announces {@code order.closed}, exactly once per
 * order: callers hold the order's row lock, and the lifecycle refuses to close a closed order.
 */
@ApplicationScoped
public class OrderClosing {
    /** {@code order.closed} reasons (schemas/order.closed.json). */
    public static final String MERCHANT_CANCEL = "merchant_cancel";
    public static final String PAYMENT_TIMEOUT = "payment_timeout";

    private final OrderRepository orders;
    private final StockReservations stock;
    private final Outbox outbox;

    OrderClosing(OrderRepository orders, StockReservations stock, Outbox outbox) {
        this.orders = orders;
        this.stock = stock;
        this.outbox = outbox;
    }

    /** Closes one order of the caller's in its own transaction; 404 if unknown, 409 if it is no longer unpaid. */
    public Uni<Order> close(Caller caller, String orderId, String reason) {
        return Panache.withTransaction(() -> orders.lockedFor(caller, orderId)
                .call(order -> closeLocked(List.of(order), reason)));
    }

    /**
     * Closes orders the caller's transaction has locked. Their stock — each from its own merchant's —
     * is released in one pass, in (merchant, SKU) order, so a batch never takes stock locks in an
     * order that could deadlock with a placement.
     */
    Uni<Void> closeLocked(List<Order> locked, String reason) {
        if (locked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        locked.forEach(order -> order.close(now));
        return stock.release(locked)
                .chain(() -> Multi.createFrom().iterable(locked)
                        .onItem().transformToUniAndConcatenate(order -> outbox.enqueue(OutgoingEvent.about(
                                Topics.ORDER_EVENTS, order.id, OrderClosed.TYPE,
                                new OrderClosed(order.id, order.merchantId, reason))))
                        .collect().last().replaceWithVoid());
    }
}
