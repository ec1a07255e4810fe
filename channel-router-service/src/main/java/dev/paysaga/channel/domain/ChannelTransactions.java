package dev.paysaga.channel.domain;

import dev.paysaga.channel.domain.routing.RoutingDecision;
import dev.paysaga.channel.persistence.ChannelTransactionStore;
import dev.paysaga.runtime.api.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Creating and closing channel transactions. The row is stored (or found) before any channel is
 * called and a channel is always called with the stored values, so a repeated create can never reach
 * a channel with different ones; no database transaction stays open across a channel call.
 *
 * <p>Failover: the router's decision lists the eligible channels in order. Before each call the row is
 * switched to that channel and the attempt is written as {@code CALLING}; the next channel is tried
 * only when the call provably never left ({@link ChannelUnreachableException}, or the breaker was
 * open). An unknown outcome (timeout, 5xx, untrusted answer) stops there with 503 and pins the payment
 * to that channel: a retry asks the same channel again (idempotent on the payment id) and never a
 * second one, so at most one channel can ever hold a payable trade, the one named by the row, which
 * is the one the active query asks and a close closes.
 */
@ApplicationScoped
public class ChannelTransactions {
    static final String ROUTED = "paysaga.channel.routed";
    private static final Logger LOG = Logger.getLogger(ChannelTransactions.class);

    private final ChannelRouter router;
    private final ChannelBreakers breakers;
    private final ChannelTransactionStore store;
    private final Resolutions resolutions;
    private final MeterRegistry metrics;
    private final Duration firstQueryAfter;

    ChannelTransactions(ChannelRouter router, ChannelBreakers breakers, ChannelTransactionStore store,
            Resolutions resolutions, MeterRegistry metrics,
            @ConfigProperty(name = "paysaga.channels.query.first-after", defaultValue = "PT3S") Duration firstQueryAfter) {
        this.router = router;
        this.breakers = breakers;
        this.store = store;
        this.resolutions = resolutions;
        this.metrics = metrics;
        this.firstQueryAfter = firstQueryAfter;
    }

    public record Request(String paymentId, String merchantId, long amountMinor, String currency, String method,
            String terminal) {
    }

    /** A transaction with its attempts, oldest first. */
    public record Recorded(ChannelTransaction transaction, List<ChannelAttempt> attempts) {
    }

    public record Created(Recorded recorded, boolean isNew) {
    }

    /** The attempt about to be made: {@code attempt} null when there is nothing to do (settled meanwhile). */
    private record Step(ChannelTransaction transaction, ChannelAttempt attempt, int index, boolean pinned) {
    }

    /**
     * Creates the payment's transaction at the first channel of the route that takes it, or returns the
     * one that exists. Fails with 503 {@code channel_unavailable} when the outcome is unknown or no
     * eligible channel could be reached (the row stays pending; a retry routes again or, after an unknown
     * outcome, asks the same channel), 402 {@code channel_declined} when the channel refuses, 422 when
     * the payment id was used with other values, 4xx when no channel can take the payment at all.
     */
    public Uni<Created> create(Request request) {
        return Panache.withSession(() -> store.find(request.paymentId())).chain(existing -> {
            if (existing != null) {
                requireSameValues(existing, request);
                if (existing.status == ChannelTransactionStatus.FAILED) {
                    return Uni.createFrom().failure(declined(existing.paymentId));
                }
                if (settled(existing)) {
                    return recorded(existing).map(r -> new Created(r, false));
                }
            }
            RoutingDecision decision = router.route(request);
            var row = new ChannelTransactionStore.New(request.paymentId(), request.merchantId(),
                    decision.channels().get(0), request.method(), request.terminal(), request.amountMinor(),
                    request.currency(), decision.reason(0, null));
            return Panache.withTransaction(() -> store.insertIfAbsent(row, firstQueryAfter))
                    .chain(inserted -> attempt(request, decision, 0, null)
                            .chain(this::recorded).map(r -> new Created(r, inserted)));
        });
    }

    private static boolean settled(ChannelTransaction tx) {
        return tx.status.isFinal() || tx.nextAction != null;
    }

    /** Prepares the {@code index}-th channel of the decision (in one transaction), then calls it. */
    private Uni<ChannelTransaction> attempt(Request request, RoutingDecision decision, int index, String after) {
        return Panache.withTransaction(() -> store.lock(request.paymentId())
                        .chain(tx -> attempts(tx.paymentId).chain(attempts -> {
                            Step step = prepare(tx, attempts, request, decision, index, after);
                            return step.attempt() == null ? Uni.createFrom().item(step)
                                    : step.attempt().<ChannelAttempt>persist().replaceWith(step);
                        })))
                .chain(step -> step.attempt() == null ? Uni.createFrom().item(step.transaction())
                        : call(step, request, decision));
    }

    private Step prepare(ChannelTransaction tx, List<ChannelAttempt> attempts, Request request,
            RoutingDecision decision, int index, String after) {
        requireSameValues(tx, request);
        if (tx.status == ChannelTransactionStatus.FAILED) {
            throw declined(tx.paymentId);
        }
        if (settled(tx)) {
            return new Step(tx, null, index, false);
        }
        Optional<ChannelAttempt> holder = attempts.stream().filter(a -> a.outcome.mayHoldPayment)
                .reduce((first, second) -> second);
        String channel;
        String reason;
        if (holder.isPresent()) {
            channel = holder.get().channel;
            reason = "retry at " + channel + ": attempt " + holder.get().attempt + " ended "
                    + holder.get().outcome.apiName() + ", so the payment may exist there; no failover";
        } else {
            channel = decision.channels().get(index);
            reason = decision.reason(index, after);
        }
        if (!holder.map(h -> h.channel.equals(tx.channel)).orElse(true)) {
            // Never: the row always names the channel of the last call that may have reached one.
            throw new IllegalStateException("payment " + tx.paymentId + " may be held by " + holder.get().channel
                    + " but its row names " + tx.channel);
        }
        Instant now = Instant.now();
        tx.channel = channel;
        tx.routingReason = reason;
        tx.updatedAt = now;
        // Written before the call (and committed with the switch): a crash mid-call leaves it CALLING, which
        // pins the payment to this channel like an unknown outcome.
        ChannelAttempt attempt = ChannelAttempt.calling(tx.paymentId, attempts.size() + 1, channel, reason, now);
        return new Step(tx, attempt, index, holder.isPresent());
    }

    private Uni<ChannelTransaction> call(Step step, Request request, RoutingDecision decision) {
        String channel = step.attempt().channel;
        PaymentChannel adapter = router.require(channel);
        long startedNanos = System.nanoTime();
        return breakers.create(channel, () -> adapter.create(step.transaction().payment()))
                .onItemOrFailure().transformToUni((result, failure) -> {
                    long latencyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    if (failure == null) {
                        return answered(step, decision, result, latencyMillis);
                    }
                    AttemptOutcome outcome = failure instanceof CircuitBreakerOpenException ? AttemptOutcome.CIRCUIT_OPEN
                            : failure instanceof ChannelUnreachableException ? AttemptOutcome.UNREACHABLE
                            : AttemptOutcome.UNKNOWN;
                    if (outcome != AttemptOutcome.CIRCUIT_OPEN) {
                        router.health().record(channel, false, latencyMillis);
                    }
                    String detail = failure instanceof CircuitBreakerOpenException ? "circuit breaker open"
                            : failure.getMessage();
                    return finish(step, decision, outcome, detail, latencyMillis).chain(tx -> {
                        boolean nothingSent = !outcome.mayHoldPayment;
                        if (nothingSent && !step.pinned() && step.index() + 1 < decision.channels().size()) {
                            LOG.infof("payment %s fails over from %s (%s)", tx.paymentId, channel, outcome.apiName());
                            return attempt(request, decision, step.index() + 1, channel + " " + outcome.apiName());
                        }
                        return Uni.createFrom().failure(failure instanceof ChannelUnavailableException ? failure
                                : new ChannelUnavailableException("create at " + channel + ": " + detail));
                    });
                });
    }

    private Uni<ChannelTransaction> answered(Step step, RoutingDecision decision, PaymentChannel.CreateResult result,
            long latencyMillis) {
        String channel = step.attempt().channel;
        if (result instanceof PaymentChannel.Created created) {
            router.health().record(channel, true, latencyMillis);
            return finish(step, decision, AttemptOutcome.CREATED, null, latencyMillis, created);
        }
        // A decline costs the merchant the payment at that channel: a failure for routing's health
        // (a channel declining everything must lose traffic), though an answer for the breaker.
        router.health().record(channel, false, latencyMillis);
        PaymentChannel.Declined declined = (PaymentChannel.Declined) result;
        LOG.warnf("%s declined payment %s: %s", channel, step.transaction().paymentId, declined.channelCode());
        String paymentId = step.transaction().paymentId;
        return finish(step, decision, AttemptOutcome.DECLINED, declined.channelCode(), latencyMillis)
                .chain(tx -> resolutions.resolve(paymentId, ChannelTransactionStatus.FAILED, null, null,
                        "channel_declined", "create"))
                .chain(r -> Uni.createFrom().<ChannelTransaction>failure(declined(paymentId)));
    }

    private Uni<ChannelTransaction> finish(Step step, RoutingDecision decision, AttemptOutcome outcome, String detail,
            long latencyMillis) {
        return finish(step, decision, outcome, detail, latencyMillis, null);
    }

    /** Records how the attempt ended (and the next action when it created), under the row's lock. */
    private Uni<ChannelTransaction> finish(Step step, RoutingDecision decision, AttemptOutcome outcome, String detail,
            long latencyMillis, PaymentChannel.Created created) {
        metrics.counter(ROUTED, "channel", step.attempt().channel, "rule", decision.rule().name(),
                "strategy", decision.strategy(), "outcome", outcome.apiName()).increment();
        return Panache.withTransaction(() -> store.lock(step.transaction().paymentId)
                .call(locked -> ChannelAttempt.<ChannelAttempt>findById(step.attempt().id).invoke(attempt -> {
                    Instant now = Instant.now();
                    attempt.finish(outcome, detail, latencyMillis, now);
                    if (created != null && locked.nextAction == null) {
                        locked.nextAction = created.nextAction();
                        locked.updatedAt = now;
                    }
                    if (created != null && locked.channelTradeNo == null && created.channelTradeNo() != null) {
                        locked.channelTradeNo = created.channelTradeNo(); // query and close address the trade by it
                    }
                })));
    }

    /**
     * Closes the payment's transaction at its channel so it can no longer be paid. Idempotent: a
     * resolved transaction answers its outcome without calling the channel. If the channel says the
     * customer paid first, that outcome is recorded and published, and returned.
     */
    public Uni<Recorded> close(String paymentId) {
        return Panache.withTransaction(() -> store.lock(paymentId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                        .call(this::closeIfNoChannelReceivedIt))
                .chain(tx -> {
                    if (tx.status == ChannelTransactionStatus.SUCCEEDED) {
                        return release(tx);
                    }
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
                })
                .chain(this::recorded);
    }

    /**
     * A paid payment being closed (its saga cancels): if its channel only authorized it, the
     * authorization is released there and the transaction says so; money a channel took stays
     * succeeded (the caller counts it as paid after cancel, for a refund).
     */
    private Uni<ChannelTransaction> release(ChannelTransaction tx) {
        return router.require(tx.channel).release(tx.payment()).chain(trade -> {
            if (trade.state() != ChannelTrade.State.CLOSED) {
                return Uni.createFrom().item(tx);
            }
            return Panache.withTransaction(() -> store.lock(tx.paymentId).invoke(locked -> {
                if (locked.status == ChannelTransactionStatus.SUCCEEDED) {
                    locked.release(Instant.now());
                    LOG.infof("payment %s: authorization released at %s", locked.paymentId, locked.channel);
                }
            }));
        });
    }

    /**
     * Under the row's lock: when every attempt provably never reached its channel, no channel can hold the
     * payment, so it is closed here without calling any (a channel that is down would otherwise keep the
     * saga's cancel failing). A create that starts later sees the row closed and calls nothing. Rows
     * without attempts (made before attempts were recorded) are closed at their channel as before.
     */
    private Uni<Void> closeIfNoChannelReceivedIt(ChannelTransaction tx) {
        if (tx.status.isFinal()) {
            return Uni.createFrom().voidItem();
        }
        return attempts(tx.paymentId).invoke(attempts -> {
            if (!attempts.isEmpty() && attempts.stream().noneMatch(a -> a.outcome.mayHoldPayment)) {
                tx.resolve(ChannelTransactionStatus.CLOSED, null, null, Instant.now());
                LOG.infof("payment %s closed without a channel call: no channel ever received it", tx.paymentId);
            }
        }).replaceWithVoid();
    }

    /**
     * Captures a paid payment at its channel (the saga's Confirm); a channel that took the money when the
     * customer paid has nothing to do. Only a succeeded transaction can be captured (409 otherwise).
     */
    public Uni<Void> capture(String paymentId) {
        return Panache.withSession(() -> store.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                .chain(tx -> {
                    if (tx.status != ChannelTransactionStatus.SUCCEEDED) {
                        throw new ApiException(409, "invalid_state_transition", "Payment " + paymentId + " is "
                                + tx.status.name().toLowerCase(Locale.ROOT) + " at its channel, not paid");
                    }
                    return router.require(tx.channel).capture(tx.payment());
                });
    }

    public Uni<Recorded> get(String paymentId) {
        return Panache.withSession(() -> store.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                .chain(this::recorded);
    }

    private Uni<Recorded> recorded(ChannelTransaction tx) {
        return Panache.withSession(() -> attempts(tx.paymentId)).map(attempts -> new Recorded(tx, attempts));
    }

    private static Uni<List<ChannelAttempt>> attempts(String paymentId) {
        return ChannelAttempt.list("paymentId = ?1 order by attempt", paymentId);
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
