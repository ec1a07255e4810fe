package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Data of the public {@code payment.events} topic (key: payment id), types {@code payment.succeeded}
 * and {@code payment.failed}. Schema: {@code schemas/payment.event.json}.
 */
public record PaymentEvent(
        @JsonProperty("id") String paymentId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("method") String method,
        @JsonProperty("status") String status,
        @JsonProperty("failure_code") String failureCode) {

    public static final String SUCCEEDED = "payment.succeeded";
    public static final String FAILED = "payment.failed";
}
