package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a refund saga moves: part or all of a captured payment back to whoever paid it: to the
 * customer's wallet, or back through the channel that took it. Schema: {@code schemas/refund.instruction.json}.
 *
 * @param channel the channel the payment was taken through ({@code null} for a wallet payment)
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
        @JsonProperty("reason") String reason,
        @JsonProperty("channel") String channel) {

    public boolean throughChannel() {
        return channel != null;
    }
}
