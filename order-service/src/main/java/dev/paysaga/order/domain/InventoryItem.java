package dev.paysaga.order.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A merchant's stock of one SKU. {@code reserved} is held by unpaid orders; {@code available} never
 * goes negative.
 */
@Entity
@Table(name = "inventory")
public class InventoryItem extends PanacheEntityBase {
    @EmbeddedId
    public StockKey key;
    @Column(name = "on_hand")
    public long onHand;
    public long reserved;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public long available() {
        return onHand - reserved;
    }
}
