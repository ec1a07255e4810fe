package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelTransaction;
import java.time.Instant;
import java.util.Map;

/** A channel transaction as the internal API shows it. */
public record ChannelTransactionView(String paymentId, String merchantId, String channel, String status, long amount,
        String currency, Map<String, String> nextAction, String reason, String channelTransactionId,
        String failureCode, Instant createdAt, Instant updatedAt) {

    static ChannelTransactionView of(ChannelTransaction tx) {
        return new ChannelTransactionView(tx.paymentId, tx.merchantId, tx.channel, tx.status.apiName(), tx.amountMinor,
                tx.currency, tx.nextAction, tx.routingReason, tx.channelTradeNo, tx.failureCode, tx.createdAt,
                tx.updatedAt);
    }
}
