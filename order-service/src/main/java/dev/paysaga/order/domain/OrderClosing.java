package dev.paysaga.order.domain;

import dev.paysaga.contracts.OrderClosed;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.order.persistence.StockReservations;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Closes an unpaid order and releases its stock, exactly once (the row lock serialises racers). */
@ApplicationScoped
public class OrderClosing {
    private final OrderRepository orders;
    private final StockReservations stock;
    private final Outbox outbox;

    OrderClosing(OrderRepository orders, StockReservations stock, Outbox outbox) {
        this.orders = orders;
        this.stock = stock;
        this.outbox = outbox;
    }

    public Uni<Order> close(String orderId, String reason) {
        return Panache.withTransaction(() -> orders.lockedForUpdate(orderId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order", orderId))
                .invoke(order -> order.moveTo(OrderStatus.CLOSED, Instant.now()))
                .call(order -> stock.release(order.lines))
                .call(order -> outbox.enqueue(OutgoingEvent.about(Topics.ORDER_EVENTS, order.id, OrderClosed.TYPE,
                        new OrderClosed(order.id, order.merchantId, reason)))));
    }
}
