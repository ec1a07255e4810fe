package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelAttempt;
import dev.paysaga.channel.domain.ChannelTransaction;
import dev.paysaga.channel.domain.ChannelTransactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel transaction as the internal API shows it. {@code attempts} has the shape of a payment's
 * {@code attempts} in docs/api.md ({@code channel, reason, outcome, at}), so payment-service can pass it on.
 */
public record ChannelTransactionView(String paymentId, String merchantId, String channel, String status, long amount,
        String currency, Map<String, String> nextAction, String reason, String channelTransactionId,
        String failureCode, List<AttemptView> attempts, Instant createdAt, Instant updatedAt) {

    /** One attempt at one channel: which, why, how it ended ({@code calling} while it runs), when. */
    public record AttemptView(String channel, String reason, String outcome, Instant at) {
        static AttemptView of(ChannelAttempt a) {
            return new AttemptView(a.channel, a.reason, a.outcome.apiName(), a.startedAt);
        }
    }

    static ChannelTransactionView of(ChannelTransactions.Recorded recorded) {
        ChannelTransaction tx = recorded.transaction();
        return new ChannelTransactionView(tx.paymentId, tx.merchantId, tx.channel, tx.status.apiName(), tx.amountMinor,
                tx.currency, tx.nextAction, tx.routingReason, tx.channelTradeNo, tx.failureCode,
                recorded.attempts().stream().map(AttemptView::of).toList(), tx.createdAt, tx.updatedAt);
    }
}
