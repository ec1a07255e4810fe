package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a payment saga moves: who pays whom, how much, for which order, by which method.
 *
 * @param channel the channel the router chose for a channel method ({@code null} for {@code wallet})
 */
public record PaymentInstruction(
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("method") String method,
        @JsonProperty("channel") String channel) {

    public static final String WALLET = "wallet";

    public boolean throughChannel() {
        return !WALLET.equals(method);
    }
}
