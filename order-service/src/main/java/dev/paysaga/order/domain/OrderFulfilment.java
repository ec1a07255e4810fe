package dev.paysaga.order.domain;

import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * After payment: the merchant ships the order (PAID → SHIPPED), then completes it (SHIPPED →
 * COMPLETED). The lifecycle refuses every other move. No event is published yet: the contracts
 * have no {@code order.shipped} / {@code order.completed} record.
 */
@ApplicationScoped
public class OrderFulfilment {
    private final OrderRepository orders;

    OrderFulfilment(OrderRepository orders) {
        this.orders = orders;
    }

    public Uni<Order> ship(String orderId) {
        return moveTo(orderId, OrderStatus.SHIPPED);
    }

    public Uni<Order> complete(String orderId) {
        return moveTo(orderId, OrderStatus.COMPLETED);
    }

    private Uni<Order> moveTo(String orderId, OrderStatus next) {
        return Panache.withTransaction(() -> orders.lockedForUpdate(orderId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order", orderId))
                .invoke(order -> order.moveTo(next, Instant.now())));
    }
}
