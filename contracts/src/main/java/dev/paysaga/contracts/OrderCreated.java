package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code order.created} on {@code order.events}: an order exists and its stock is reserved.
 * Schema: {@code schemas/order.created.json}.
 */
public record OrderCreated(
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("lines") List<Line> lines) {

    public static final String TYPE = "order.created";

    public record Line(
            @JsonProperty("sku") String sku,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("unit_amount") long unitAmountMinor) {
    }
}
