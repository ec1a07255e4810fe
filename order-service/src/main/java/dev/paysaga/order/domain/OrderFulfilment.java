package dev.paysaga.order.domain;

import dev.paysaga.contracts.OrderFulfilled;
import dev.paysaga.contracts.Topics;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;

/**
 * After payment: the merchant ships the order (PAID → SHIPPED), then completes it (SHIPPED →
 * COMPLETED), each announced on {@code order.events} in the same transaction. The lifecycle
 * refuses every other move.
 */
@ApplicationScoped
public class OrderFulfilment {
    private final OrderRepository orders;
    private final Outbox outbox;

    OrderFulfilment(OrderRepository orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    public Uni<Order> ship(Caller caller, String orderId) {
        return moveTo(caller, orderId, OrderStatus.SHIPPED, OrderFulfilled.SHIPPED);
    }

    public Uni<Order> complete(Caller caller, String orderId) {
        return moveTo(caller, orderId, OrderStatus.COMPLETED, OrderFulfilled.COMPLETED);
    }

    private Uni<Order> moveTo(Caller caller, String orderId, OrderStatus next, String eventType) {
        return Panache.withTransaction(() -> orders.lockedFor(caller, orderId)
                .invoke(order -> order.moveTo(next, Instant.now()))
                .call(order -> outbox.enqueue(OutgoingEvent.about(Topics.ORDER_EVENTS, order.id, eventType,
                        new OrderFulfilled(order.id, order.merchantId, next.name().toLowerCase(Locale.ROOT))))));
    }
}
