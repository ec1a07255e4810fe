package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code order.closed} on {@code order.events}: an unpaid order was closed (merchant cancel or
 * payment timeout) and its stock released. Schema: {@code schemas/order.closed.json}.
 */
public record OrderClosed(
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("reason") String reason) {

    public static final String TYPE = "order.closed";
}
