package dev.paysaga.payment.domain;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.RefundRequested;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Set;

/**
 * Asking for a refund: checked against what the payment has left to refund — captured, minus
 * refunded, minus refunds still pending — under the payment's row lock, so concurrent requests
 * can never promise more than was captured. The refund saga starts from the message; it sends the
 * money back the way it came (the wallet, or the payment's channel).
 */
@ApplicationScoped
public class Refunds {
    private static final Set<PaymentStatus> REFUNDABLE = Set.of(PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED,
            PaymentStatus.REFUNDED);
    private static final String PENDING_SUM = "select coalesce(sum(amount), 0) from refund where payment_id = ?1 and status = 'PENDING'";

    private final Outbox outbox;

    Refunds(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Refund> request(String paymentId, long amountMinor, String reason) {
        return Panache.withTransaction(() -> Payment.<Payment>findById(paymentId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("payment", paymentId))
                .chain(payment -> {
                    if (!REFUNDABLE.contains(payment.status)) {
                        throw ApiException.invalidStateTransition("payment " + paymentId + " is "
                                + payment.status.name().toLowerCase() + "; only a succeeded payment can be refunded");
                    }
                    if (!PaymentInstruction.WALLET.equals(payment.method) && payment.channel == null) {
                        // Never for a payment that succeeded: its channel step knew the channel. A refund
                        // must go back the way the money came, so without one there is nowhere to send it.
                        throw ApiException.invalidStateTransition("payment " + paymentId + " names no channel");
                    }
                    return pendingSum(paymentId).chain(pending -> {
                        long remaining = payment.amountMinor - payment.amountRefundedMinor - pending;
                        if (amountMinor > remaining) {
                            throw new ApiException(422, "refund_exceeds_remaining", "The refund of " + amountMinor
                                    + " exceeds the " + remaining + " left to refund on payment " + paymentId, "amount");
                        }
                        return create(payment, amountMinor, reason);
                    });
                }));
    }

    private Uni<Refund> create(Payment payment, long amountMinor, String reason) {
        Instant now = Instant.now();
        Refund refund = new Refund();
        refund.id = Ids.next("re");
        refund.paymentId = payment.id;
        refund.sagaId = Ids.next("sag");
        refund.amountMinor = amountMinor;
        refund.currency = payment.currency;
        refund.reason = reason;
        refund.status = RefundStatus.PENDING;
        refund.createdAt = now;
        refund.updatedAt = now;
        RefundInstruction instruction = new RefundInstruction(refund.id, payment.id, payment.orderId, payment.merchantId,
                payment.customerId, amountMinor, payment.currency, payment.method, reason, payment.channel);
        return refund.<Refund>persist().call(() -> outbox.enqueue(new OutgoingEvent(Topics.SAGA_REQUESTS, payment.id,
                RefundRequested.TYPE, refund.id, refund.sagaId, new RefundRequested(refund.sagaId, instruction))));
    }

    private static Uni<Long> pendingSum(String paymentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PENDING_SUM, Long.class)
                .setParameter(1, paymentId).getSingleResult());
    }
}
