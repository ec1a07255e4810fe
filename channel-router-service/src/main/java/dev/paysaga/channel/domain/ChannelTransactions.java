package dev.paysaga.channel.domain;

import dev.paysaga.channel.persistence.ChannelTransactionStore;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creating and closing channel transactions. The row is stored (or found) before the channel is
 * called and the channel is always called with the stored values, so a repeated create can never
 * reach the channel with different ones; no database transaction stays open across a channel call.
 */
@ApplicationScoped
public class ChannelTransactions {
    private static final Logger LOG = Logger.getLogger(ChannelTransactions.class);

    private final ChannelRouter router;
    private final ChannelTransactionStore store;
    private final Resolutions resolutions;
    private final Duration firstQueryAfter;

    ChannelTransactions(ChannelRouter router, ChannelTransactionStore store, Resolutions resolutions,
            @ConfigProperty(name = "paysaga.channels.query.first-after", defaultValue = "PT3S") Duration firstQueryAfter) {
        this.router = router;
        this.store = store;
        this.resolutions = resolutions;
        this.firstQueryAfter = firstQueryAfter;
    }

    public record Request(String paymentId, String merchantId, long amountMinor, String currency, String method,
            String terminal) {
    }

    public record Created(ChannelTransaction transaction, boolean isNew) {
    }

    /**
     * Creates the payment's transaction at the chosen channel, or returns the one that exists.
     * Fails with 503 {@code channel_unavailable} when the channel's answer is unknown (the row stays
     * pending; a retry asks the channel again with the same values), 402 {@code channel_declined} when
     * the channel refuses, 422 when the payment id was used with other values.
     */
    public Uni<Created> create(Request request) {
        ChannelRouter.Route route = router.route(request.method(), request.currency());
        var row = new ChannelTransactionStore.New(request.paymentId(), request.merchantId(), route.channel().name(),
                request.method(), request.terminal(), request.amountMinor(), request.currency(), route.reason());
        return Panache.withTransaction(() -> store.insertIfAbsent(row, firstQueryAfter))
                .chain(inserted -> Panache.withSession(() -> store.find(request.paymentId()))
                        .invoke(tx -> requireSameValues(tx, request))
                        .chain(tx -> atChannel(tx).map(done -> new Created(done, inserted))));
    }

    private Uni<ChannelTransaction> atChannel(ChannelTransaction tx) {
        if (tx.status == ChannelTransactionStatus.FAILED) {
            return Uni.createFrom().failure(declined(tx.paymentId));
        }
        if (tx.status.isFinal() || tx.nextAction != null) {
            return Uni.createFrom().item(tx);
        }
        PaymentChannel channel = router.require(tx.channel);
        return channel.create(tx.payment()).chain(result -> {
            if (result instanceof PaymentChannel.Created created) {
                return Panache.withTransaction(() -> store.lock(tx.paymentId).invoke(locked -> {
                    if (locked.nextAction == null) {
                        locked.nextAction = created.nextAction();
                        locked.updatedAt = Instant.now();
                    }
                    if (locked.channelTradeNo == null && created.channelTradeNo() != null) {
                        locked.channelTradeNo = created.channelTradeNo(); // query and close address the trade by it
                    }
                }));
            }
            PaymentChannel.Declined declined = (PaymentChannel.Declined) result;
            LOG.warnf("%s declined payment %s: %s", tx.channel, tx.paymentId, declined.channelCode());
            return resolutions.resolve(tx.paymentId, ChannelTransactionStatus.FAILED, null, null, "channel_declined",
                            "create")
                    .chain(r -> Uni.createFrom().<ChannelTransaction>failure(declined(tx.paymentId)));
        });
    }

    /**
     * Closes the payment's transaction at its channel so it can no longer be paid. Idempotent: a
     * resolved transaction answers its outcome without calling the channel. If the channel says the
     * customer paid first, that outcome is recorded and published, and returned.
     */
    public Uni<ChannelTransaction> close(String paymentId) {
        return Panache.withSession(() -> store.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                .chain(tx -> {
                    if (tx.status.isFinal()) {
                        return Uni.createFrom().item(tx);
                    }
                    return router.require(tx.channel).close(tx.payment()).chain(trade -> {
                        ChannelTransactionStatus outcome = switch (trade.state()) {
                            case PAID -> ChannelTransactionStatus.SUCCEEDED;
                            case CLOSED -> ChannelTransactionStatus.CLOSED;
                            case WAITING, NOT_FOUND -> throw new ChannelUnavailableException(
                                    "close answered neither closed nor paid");
                        };
                        return resolutions.resolve(paymentId, outcome, trade.channelTradeNo(), trade.amountMinor(),
                                null, "close");
                    }).map(result -> {
                        if (result.kind() == Resolutions.Kind.AMOUNT_MISMATCH) {
                            throw new ChannelUnavailableException("close found the trade paid with another amount");
                        }
                        return result.transaction();
                    });
                });
    }

    public Uni<ChannelTransaction> get(String paymentId) {
        return Panache.withSession(() -> store.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId));
    }

    private static void requireSameValues(ChannelTransaction tx, Request request) {
        if (tx.amountMinor != request.amountMinor() || !tx.currency.equals(request.currency())
                || !tx.merchantId.equals(request.merchantId()) || !tx.method.equals(request.method())) {
            throw new ApiException(422, "idempotency_key_reused",
                    "Payment " + tx.paymentId + " already has a channel transaction with other values", "payment_id");
        }
    }

    private static ApiException declined(String paymentId) {
        return new ApiException(402, "channel_declined", "The channel declined payment " + paymentId);
    }
}
