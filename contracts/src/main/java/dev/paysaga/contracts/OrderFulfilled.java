package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code order.shipped} and {@code order.completed} on {@code order.events}: a paid order moved on
 * in its fulfilment. Schema: {@code schemas/order.fulfilled.json}.
 */
public record OrderFulfilled(
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("status") String status) {

    public static final String SHIPPED = "order.shipped";
    public static final String COMPLETED = "order.completed";
}
