package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a refund saga moves: part or all of a captured payment back to whoever paid it.
 * Schema: {@code schemas/refund.instruction.json}.
 */
public record RefundInstruction(
        @JsonProperty("refund_id") String refundId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("method") String method,
        @JsonProperty("reason") String reason) {
}
