package dev.paysaga.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order, as the merchant priced it. */
@Embeddable
public record OrderLine(
        String sku,
        int quantity,
        @Column(name = "unit_amount") long unitAmount) {
    /** Line total in minor units; overflow is refused, never wrapped. */
    public long amount() {
        return Math.multiplyExact(unitAmount, (long) quantity);
    }
}
