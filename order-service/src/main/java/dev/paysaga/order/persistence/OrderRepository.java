package dev.paysaga.order.persistence;

import dev.paysaga.order.domain.Order;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OrderRepository {

    /**
     * Loads the order with its row locked until the transaction ends, or null. The lock is taken
     * with plain SQL: Hibernate Reactive's own PESSIMISTIC_WRITE also locks the order-line
     * collection and fails intermittently under concurrency (NPE in TableLock), and the order row
     * is all that needs serialising.
     */
    public Uni<Order> lockedForUpdate(String orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select id from orders where id = ?1 for update", String.class)
                        .setParameter(1, orderId)
                        .getResultList())
                .chain(found -> found.isEmpty() ? Uni.createFrom().nullItem() : Order.<Order>findById(orderId));
    }
}
