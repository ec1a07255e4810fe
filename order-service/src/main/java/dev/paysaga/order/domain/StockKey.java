package dev.paysaga.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Comparator;

/** One merchant's SKU: each merchant has its own SKU namespace, and its own stock of each. */
@Embeddable
public record StockKey(@Column(name = "merchant_id") String merchantId, String sku) {
    /** The order stock rows are always locked in, so two transactions never wait on each other in a cycle. */
    public static final Comparator<StockKey> LOCK_ORDER = Comparator.comparing(StockKey::merchantId)
            .thenComparing(StockKey::sku);
}
