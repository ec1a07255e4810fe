package dev.paysaga.order.persistence;

import dev.paysaga.order.domain.InventoryItem;
import dev.paysaga.order.domain.Order;
import dev.paysaga.order.domain.StockKey;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Stock changes as single conditional updates, so concurrent orders can never reserve more than
 * is on hand (no read-modify-write race). An order's stock is always its own merchant's. Stock rows
 * are always touched in {@link StockKey#LOCK_ORDER} to rule out deadlocks between two orders sharing
 * SKUs. Must run inside the caller's transaction.
 */
@ApplicationScoped
public class StockReservations {
    private static final String RESERVE = """
            update inventory set reserved = reserved + ?3, updated_at = now()
             where merchant_id = ?1 and sku = ?2 and on_hand - reserved >= ?3""";
    private static final String RELEASE = """
            update inventory set reserved = reserved - ?3, updated_at = now()
             where merchant_id = ?1 and sku = ?2 and reserved >= ?3""";
    private static final String ENSURE = """
            insert into inventory (merchant_id, sku, on_hand) values (?1, ?2, 0) on conflict do nothing""";

    /**
     * Reserves every line's quantity of the order's merchant's stock, or fails with
     * {@code insufficient_stock} (the caller's transaction then rolls back).
     */
    public Uni<Void> reserve(Order order) {
        return change(RESERVE, List.of(order), (key, quantity) -> new ApiException(422, "insufficient_stock",
                "Not enough stock of " + key.sku() + " for " + quantity, "lines"));
    }

    /** Releases what the orders reserved, each from its own merchant's stock. */
    public Uni<Void> release(List<Order> orders) {
        return change(RELEASE, orders,
                (key, quantity) -> new IllegalStateException("releasing more of " + key + " than reserved"));
    }

    /** Sets the merchant's stock on hand of one SKU, refusing to go below what unpaid orders hold. */
    public Uni<InventoryItem> setOnHand(StockKey key, long onHand) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ENSURE)
                        .setParameter(1, key.merchantId()).setParameter(2, key.sku()).executeUpdate())
                .chain(() -> InventoryItem.<InventoryItem>findById(key, LockModeType.PESSIMISTIC_WRITE))
                .invoke(item -> {
                    if (onHand < item.reserved) {
                        throw ApiException.invalidRequest("on_hand",
                                "on_hand " + onHand + " is below the " + item.reserved + " units reserved by unpaid orders");
                    }
                    item.onHand = onHand;
                    item.updatedAt = java.time.Instant.now();
                });
    }

    /** Applies {@code sql} to every stock row the orders' lines name, once per row with their total quantity. */
    private static Uni<Void> change(String sql, List<Order> orders, BiFunction<StockKey, Long, RuntimeException> none) {
        Map<StockKey, Long> quantities = new TreeMap<>(StockKey.LOCK_ORDER);
        orders.forEach(order -> order.lines.forEach(line -> quantities.merge(new StockKey(order.merchantId, line.sku()),
                (long) line.quantity(), Math::addExact)));
        return Multi.createFrom().iterable(quantities.entrySet())
                .onItem().transformToUniAndConcatenate(e -> update(sql, e.getKey(), e.getValue())
                        .invoke(updated -> {
                            if (updated == 0) {
                                throw none.apply(e.getKey(), e.getValue());
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Integer> update(String sql, StockKey key, long quantity) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, key.merchantId())
                .setParameter(2, key.sku())
                .setParameter(3, quantity)
                .executeUpdate());
    }
}
