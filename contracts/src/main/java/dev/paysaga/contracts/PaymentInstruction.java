package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a payment saga moves: who pays whom, how much, for which order, by which method. */
public record PaymentInstruction(
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("method") String method) {
}
