package dev.paysaga.channel.messaging;

import dev.paysaga.channel.domain.ChannelRefundRecord;
import dev.paysaga.channel.domain.ChannelRefundStatus;
import dev.paysaga.channel.domain.ChannelTransaction;
import dev.paysaga.channel.domain.ChannelTransactionStatus;
import dev.paysaga.contracts.ChannelRefundEvent;
import dev.paysaga.contracts.ChannelTransactionEvent;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code channel.transaction.*} and {@code channel.refund.*} on {@code channel.events}, keyed by payment id
 * (so a payment's refunds follow its payment in order), through the outbox: each commits with the status
 * change it announces or not at all.
 */
@ApplicationScoped
public class ChannelEvents {
    private final Outbox outbox;

    ChannelEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Announces a resolved transaction's outcome; a CLOSED or RELEASED one (closed by our caller, who has
     * the answer) says nothing.
     */
    public Uni<Void> resolved(ChannelTransaction tx) {
        String type = switch (tx.status) {
            case SUCCEEDED -> ChannelTransactionEvent.SUCCEEDED;
            case FAILED -> ChannelTransactionEvent.FAILED;
            case PENDING, CLOSED, RELEASED -> null;
        };
        if (type == null) {
            return Uni.createFrom().voidItem();
        }
        var data = new ChannelTransactionEvent(tx.paymentId, tx.channel, tx.channelTradeNo, tx.amountMinor,
                tx.currency, tx.status == ChannelTransactionStatus.SUCCEEDED ? "succeeded" : "failed", tx.failureCode);
        return outbox.enqueue(OutgoingEvent.about(Topics.CHANNEL_EVENTS, tx.paymentId, type, data)).replaceWithVoid();
    }

    /** Announces a resolved refund's outcome. */
    public Uni<Void> refundResolved(ChannelRefundRecord refund) {
        boolean succeeded = refund.status == ChannelRefundStatus.SUCCEEDED;
        var data = new ChannelRefundEvent(refund.refundId, refund.paymentId, refund.channel, refund.channelReference,
                refund.amountMinor, refund.currency, succeeded ? "succeeded" : "failed", refund.failureCode);
        return outbox.enqueue(OutgoingEvent.about(Topics.CHANNEL_EVENTS, refund.paymentId,
                succeeded ? ChannelRefundEvent.SUCCEEDED : ChannelRefundEvent.FAILED, data)).replaceWithVoid();
    }
}
