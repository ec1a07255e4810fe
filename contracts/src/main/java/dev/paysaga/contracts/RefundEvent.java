package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Data of {@code refund.succeeded} and {@code refund.failed} on the public {@code payment.events}
 * topic (key: payment id, so a payment's events stay in order). Schema: {@code schemas/refund.event.json}.
 */
public record RefundEvent(
        @JsonProperty("id") String refundId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("reason") String reason,
        @JsonProperty("status") String status,
        @JsonProperty("failure_code") String failureCode) {

    public static final String SUCCEEDED = "refund.succeeded";
    public static final String FAILED = "refund.failed";
}
