package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code channel.transaction.succeeded} / {@code channel.transaction.failed} on {@code channel.events}
 * (key: payment id): the channel's final word on a payment's transaction, from its notification or
 * an active query, published once. Schema: {@code schemas/channel.transaction.event.json}.
 *
 * @param channelTransactionId the channel's own id of the transaction (Alipay's {@code trade_no})
 * @param failureCode          on failure, a stable code such as {@code channel_declined}
 */
public record ChannelTransactionEvent(
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("channel") String channel,
        @JsonProperty("channel_transaction_id") String channelTransactionId,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("status") String status,
        @JsonProperty("failure_code") String failureCode) {

    public static final String SUCCEEDED = "channel.transaction.succeeded";
    public static final String FAILED = "channel.transaction.failed";
    /** {@code status} values. */
    public static final String SUCCEEDED_STATUS = "succeeded";
    public static final String FAILED_STATUS = "failed";
}
