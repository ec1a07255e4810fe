package dev.paysaga.channel.domain;

import dev.paysaga.channel.messaging.ChannelEvents;
import dev.paysaga.channel.persistence.ChannelRefundStore;
import dev.paysaga.channel.persistence.ChannelTransactionStore;
import dev.paysaga.runtime.api.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refunding paid payments at their channel: the refund saga's channel step asks, the refund query
 * finishes what the channel left processing. As for payments, the row is stored (checked against what the
 * payment has left) before the channel is called, the channel is always asked with the stored values and no
 * database transaction stays open across a channel call. The refund id is the channel's refund request
 * number, so asking again — a retried Try, a lost answer — never refunds twice.
 *
 * <p>A refund resolves once, here ({@link #settle}), with its {@code channel.refund.*} event in the same
 * transaction. An answer whose outcome is unknown leaves it pending: the query asks again later. It ends
 * as failed without the channel's word only by {@link #abandon}, when the channel provably does not have it.
 */
@ApplicationScoped
public class ChannelRefunds {
    static final String REFUNDS = "paysaga.channel.refunds";
    private static final Logger LOG = Logger.getLogger(ChannelRefunds.class);

    private final ChannelRouter router;
    private final ChannelTransactionStore transactions;
    private final ChannelRefundStore store;
    private final ChannelEvents events;
    private final MeterRegistry metrics;
    private final Duration firstQueryAfter;

    ChannelRefunds(ChannelRouter router, ChannelTransactionStore transactions, ChannelRefundStore store,
            ChannelEvents events, MeterRegistry metrics,
            @ConfigProperty(name = "paysaga.channels.refund-query.first-after", defaultValue = "PT3S") Duration firstQueryAfter) {
        this.router = router;
        this.transactions = transactions;
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        this.firstQueryAfter = firstQueryAfter;
    }

    /**
     * @param ofCancelledPayment the payment's saga cancelled, yet the channel took its money (a QR code paid as it
     *                           was closed): reconciliation returns that money. Such a payment may be closed or
     *                           failed here; it is refunded only if its channel says now that it is paid.
     */
    public record Request(String paymentId, String refundId, long amountMinor, String currency, String reason,
            boolean ofCancelledPayment) {
        public Request(String paymentId, String refundId, long amountMinor, String currency, String reason) {
            this(paymentId, refundId, amountMinor, currency, reason, false);
        }
    }

    public record Requested(ChannelRefundRecord refund, boolean isNew) {
    }

    /**
     * Refunds {@code request} at the payment's channel, or answers the refund that exists with its id.
     * Answers the refund as it stands afterwards: succeeded, failed (declined) or still pending when the
     * channel is processing it or its answer is unknown. Refused: 404 without a transaction, 409 unless the
     * payment was paid, 422 for another currency, more than the payment has left, or a refund id reused
     * with other values.
     */
    public Uni<Requested> request(Request request) {
        Uni<Boolean> paidAtChannel = request.ofCancelledPayment() ? paidAtChannel(request.paymentId())
                : Uni.createFrom().item(false);
        return paidAtChannel.chain(paid -> Panache.withTransaction(() -> transactions.lock(request.paymentId())
                        .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", request.paymentId()))
                        .chain(tx -> admit(tx, request, paid))))
                .chain(requested -> {
                    if (requested.refund().status.isFinal()) {
                        return Uni.createFrom().item(requested);
                    }
                    return Panache.withSession(() -> transactions.find(request.paymentId()))
                            .chain(tx -> ask(requested.refund(), tx, "request"))
                            .map(refund -> new Requested(refund, requested.isNew()));
                });
    }

    /**
     * Whether the channel says now that the payment is paid, for the whole amount we asked: asked outside any
     * database transaction, before a refund of a payment we closed or failed is admitted.
     */
    private Uni<Boolean> paidAtChannel(String paymentId) {
        return Panache.withSession(() -> transactions.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                .chain(tx -> router.require(tx.channel).query(tx.payment()).map(trade ->
                        trade.state() == ChannelTrade.State.PAID
                                && (trade.amountMinor() == null || trade.amountMinor() == tx.amountMinor)));
    }

    /**
     * Under the payment's row lock, so two refunds of one payment are checked one after the other. A refund id
     * asked for before answers its refund whatever the payment's state now: once a cancelled payment's money
     * has gone back, its channel no longer says paid, and the caller repeating itself must not be refused.
     */
    private Uni<Requested> admit(ChannelTransaction tx, Request request, boolean paidAtChannel) {
        return store.find(request.refundId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Requested(same(existing, request), false));
            }
            boolean cancelledButPaid = paidAtChannel && (tx.status == ChannelTransactionStatus.CLOSED
                    || tx.status == ChannelTransactionStatus.FAILED);
            if (tx.status != ChannelTransactionStatus.SUCCEEDED && !cancelledButPaid) {
                throw ApiException.invalidStateTransition("Payment " + tx.paymentId + " is " + tx.status.apiName()
                        + " at its channel; only a paid payment can be refunded");
            }
            if (!tx.currency.equals(request.currency())) {
                throw ApiException.invalidRequest("currency", "Payment " + tx.paymentId + " was paid in " + tx.currency);
            }
            return store.held(tx.paymentId).chain(held -> {
                long remaining = tx.amountMinor - held;
                if (request.amountMinor() > remaining) {
                    throw new ApiException(422, "refund_exceeds_remaining", "The refund of " + request.amountMinor()
                            + " exceeds the " + remaining + " left to refund on payment " + tx.paymentId, "amount");
                }
                var row = new ChannelRefundStore.New(request.refundId(), tx.paymentId, tx.channel,
                        request.amountMinor(), request.currency(), request.reason());
                return store.insertIfAbsent(row, firstQueryAfter)
                        .chain(() -> store.find(request.refundId()))
                        .map(inserted -> new Requested(inserted, true));
            });
        });
    }

    private static ChannelRefundRecord same(ChannelRefundRecord existing, Request request) {
        if (!existing.paymentId.equals(request.paymentId()) || existing.amountMinor != request.amountMinor()
                || !existing.currency.equals(request.currency())) {
            throw new ApiException(422, "idempotency_key_reused",
                    "Refund " + existing.refundId + " was asked for with other values", "refund_id");
        }
        return existing;
    }

    /** Asks the channel to refund (again: safe by refund id) and settles what it answers. */
    Uni<ChannelRefundRecord> ask(ChannelRefundRecord refund, ChannelTransaction tx, String source) {
        return router.require(refund.channel).refund(refund.asked(tx))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("refund %s of payment %s at %s: outcome unknown, queried later: %s", refund.refundId,
                            refund.paymentId, refund.channel, e.getMessage());
                    return null;
                })
                .chain(outcome -> outcome == null ? Uni.createFrom().item(refund) : settle(refund.refundId, outcome, source));
    }

    /**
     * Applies the channel's answer under the refund's row lock: Refunded and Declined resolve it (once; the
     * event commits with it), Processing and NotFound leave it pending. An answer that contradicts how it
     * resolved changes nothing, but is logged as an error and counted: it needs a person.
     */
    public Uni<ChannelRefundRecord> settle(String refundId, ChannelRefund.Outcome outcome, String source) {
        return Panache.withTransaction(() -> store.lock(refundId).chain(refund -> {
            boolean refunded = outcome instanceof ChannelRefund.Refunded;
            boolean declined = outcome instanceof ChannelRefund.Declined;
            if (!refunded && !declined) {
                return Uni.createFrom().item(refund);
            }
            if (refund.status.isFinal()) {
                if ((refund.status == ChannelRefundStatus.SUCCEEDED) != refunded) {
                    metrics.counter(Resolutions.CONFLICTS, "channel", refund.channel, "source", "refund " + source)
                            .increment();
                    LOG.errorf("CONFLICTING OUTCOME: refund %s of payment %s is %s but %s at %s now says %s;"
                            + " nothing changed, reconcile by hand", refundId, refund.paymentId, refund.status.apiName(),
                            source, refund.channel, refunded ? "refunded" : "declined");
                }
                return Uni.createFrom().item(refund);
            }
            Instant now = Instant.now();
            if (outcome instanceof ChannelRefund.Refunded done) {
                refund.succeed(done.channelReference(), now);
            } else {
                ChannelRefund.Declined no = (ChannelRefund.Declined) outcome;
                refund.fail("channel_declined", no.channelCode(), now);
                LOG.warnf("%s declined refund %s of payment %s: %s", refund.channel, refundId, refund.paymentId,
                        no.channelCode());
            }
            metrics.counter(REFUNDS, "channel", refund.channel, "outcome", refund.status.apiName()).increment();
            LOG.infof("refund %s of payment %s %s at %s (from %s)", refundId, refund.paymentId,
                    refund.status.apiName(), refund.channel, source);
            return events.refundResolved(refund).replaceWith(refund);
        }));
    }

    /**
     * Gives a pending refund up, for a refund saga that cancels: only when the channel says it has no such
     * refund, or declined it, does the refund fail ({@code abandoned}); a refund the channel made or may still
     * make cannot be taken back, so it is 409 {@code refund_not_abandonable} and the saga's Cancel keeps
     * failing until a person looks (the saga is parked). A refund that failed already answers as it is.
     */
    public Uni<ChannelRefundRecord> abandon(String paymentId, String refundId) {
        return Panache.withSession(() -> store.find(refundId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel refund", refundId))
                .chain(refund -> {
                    if (!refund.paymentId.equals(paymentId)) {
                        throw ApiException.notFound("channel refund", refundId);
                    }
                    if (refund.status.isFinal()) {
                        return Uni.createFrom().item(refund);
                    }
                    return Panache.withSession(() -> transactions.find(paymentId))
                            .chain(tx -> router.require(refund.channel).queryRefund(refund.asked(tx)))
                            .onFailure(UnsupportedOperationException.class).recoverWithItem(new ChannelRefund.Processing())
                            .chain(outcome -> outcome instanceof ChannelRefund.NotFound
                                    ? giveUp(refundId) : settle(refundId, outcome, "abandon"));
                })
                .invoke(refund -> {
                    if (refund.status != ChannelRefundStatus.FAILED) {
                        throw new ApiException(409, "refund_not_abandonable", "Refund " + refundId + " is "
                                + (refund.status == ChannelRefundStatus.SUCCEEDED ? "refunded" : "still processing")
                                + " at " + refund.channel + " and cannot be taken back");
                    }
                });
    }

    private Uni<ChannelRefundRecord> giveUp(String refundId) {
        return Panache.withTransaction(() -> store.lock(refundId).chain(refund -> {
            if (refund.status.isFinal()) {
                return Uni.createFrom().item(refund);
            }
            refund.fail("abandoned", null, Instant.now());
            metrics.counter(REFUNDS, "channel", refund.channel, "outcome", "abandoned").increment();
            LOG.infof("refund %s of payment %s abandoned: %s has no such refund", refundId, refund.paymentId,
                    refund.channel);
            return events.refundResolved(refund).replaceWith(refund);
        }));
    }

    /** How a refund notification was taken. */
    public enum Notified {
        /** Applied (or a repeat of what stands: nothing changed). */
        SETTLED,
        /** No refund with that id of that payment at that channel. */
        UNKNOWN,
        /** The notification names another amount than the refund's: nothing changed. */
        AMOUNT_MISMATCH
    }

    /** A channel's notification about one of our refunds, checked against the refund it names, then settled. */
    public Uni<Notified> notified(String channel, String paymentId, ChannelNotification.RefundNotice notice) {
        return Panache.withSession(() -> store.find(notice.refundId())).chain(refund -> {
            if (refund == null || !refund.paymentId.equals(paymentId) || !refund.channel.equals(channel)) {
                return Uni.createFrom().item(Notified.UNKNOWN);
            }
            if (refund.amountMinor != notice.amountMinor()) {
                LOG.errorf("%s notified refund %s of payment %s with another amount: ignored", channel, refund.refundId,
                        paymentId);
                return Uni.createFrom().item(Notified.AMOUNT_MISMATCH);
            }
            return settle(notice.refundId(), notice.outcome(), "notification").replaceWith(Notified.SETTLED);
        });
    }

    public Uni<ChannelRefundRecord> get(String paymentId, String refundId) {
        return Panache.withSession(() -> store.find(refundId))
                .map(refund -> {
                    if (refund == null || !refund.paymentId.equals(paymentId)) {
                        throw ApiException.notFound("channel refund", refundId);
                    }
                    return refund;
                });
    }
}
