package dev.paysaga.order.persistence;

import dev.paysaga.order.domain.InventoryItem;
import dev.paysaga.order.domain.OrderLine;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stock changes as single conditional updates, so concurrent orders can never reserve more than
 * is on hand (no read-modify-write race). SKUs are always touched in sorted order to rule out
 * deadlocks between two orders sharing SKUs. Must run inside the caller's transaction.
 */
@ApplicationScoped
public class StockReservations {
    private static final String RESERVE = """
            update inventory set reserved = reserved + ?2, updated_at = now()
             where sku = ?1 and on_hand - reserved >= ?2""";
    private static final String RELEASE = """
            update inventory set reserved = reserved - ?2, updated_at = now()
             where sku = ?1 and reserved >= ?2""";
    private static final String ENSURE = "insert into inventory (sku, on_hand) values (?1, 0) on conflict do nothing";

    /** Reserves every line's quantity, or fails with {@code insufficient_stock} (the caller's transaction then rolls back). */
    public Uni<Void> reserve(List<OrderLine> lines) {
        return Multi.createFrom().iterable(quantitiesBySku(lines).entrySet())
                .onItem().transformToUniAndConcatenate(e -> update(RESERVE, e.getKey(), e.getValue())
                        .invoke(updated -> {
                            if (updated == 0) {
                                throw new ApiException(422, "insufficient_stock",
                                        "Not enough stock of " + e.getKey() + " for " + e.getValue(), "lines");
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> release(List<OrderLine> lines) {
        return Multi.createFrom().iterable(quantitiesBySku(lines).entrySet())
                .onItem().transformToUniAndConcatenate(e -> update(RELEASE, e.getKey(), e.getValue())
                        .invoke(updated -> {
                            if (updated == 0) {
                                throw new IllegalStateException("releasing more of " + e.getKey() + " than reserved");
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    /** Sets the stock on hand, refusing to go below what unpaid orders hold. */
    public Uni<InventoryItem> setOnHand(String sku, long onHand) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ENSURE).setParameter(1, sku).executeUpdate())
                .chain(() -> InventoryItem.<InventoryItem>findById(sku, LockModeType.PESSIMISTIC_WRITE))
                .invoke(item -> {
                    if (onHand < item.reserved) {
                        throw ApiException.invalidRequest("on_hand",
                                "on_hand " + onHand + " is below the " + item.reserved + " units reserved by unpaid orders");
                    }
                    item.onHand = onHand;
                    item.updatedAt = java.time.Instant.now();
                });
    }

    private static Map<String, Long> quantitiesBySku(List<OrderLine> lines) {
        Map<String, Long> bySku = new TreeMap<>();
        lines.forEach(line -> bySku.merge(line.sku(), (long) line.quantity(), Math::addExact));
        return bySku;
    }

    private static Uni<Integer> update(String sql, String sku, long quantity) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, sku)
                .setParameter(2, quantity)
                .executeUpdate());
    }
}
