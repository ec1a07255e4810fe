package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code channel.refund.succeeded} / {@code channel.refund.failed} on {@code channel.events} (key: payment
 * id): the channel's final word on a refund the router asked it for, from its answer or a later query,
 * published once. Schema: {@code schemas/channel.refund.event.json}.
 *
 * @param channelReference the channel's id of the refund, or of the trade where it names none (Alipay)
 * @param failureCode      on failure, a stable code: {@code channel_declined} or {@code abandoned}
 */
public record ChannelRefundEvent(
        @JsonProperty("refund_id") String refundId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("channel") String channel,
        @JsonProperty("channel_reference") String channelReference,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("status") String status,
        @JsonProperty("failure_code") String failureCode) {

    public static final String SUCCEEDED = "channel.refund.succeeded";
    public static final String FAILED = "channel.refund.failed";

    public boolean succeeded() {
        return ChannelTransactionEvent.SUCCEEDED_STATUS.equals(status);
    }
}
