package dev.paysaga.channel.domain;

import dev.paysaga.channel.messaging.ChannelEvents;
import dev.paysaga.channel.persistence.ChannelTransactionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The one place a channel transaction resolves, whoever learnt the outcome (notification, active
 * query, close, a declined create). Under the row lock: the first final outcome moves the status
 * and writes its event to the outbox in the same transaction; a repeat of it changes nothing; an
 * outcome that contradicts it (paid vs. not paid) changes nothing either, but is logged as an
 * error and counted ({@code paysaga_channel_outcome_conflicts_total}) — it needs a person (a refund).
 */
@ApplicationScoped
public class Resolutions {
    static final String CONFLICTS = "paysaga.channel.outcome.conflicts";
    private static final Logger LOG = Logger.getLogger(Resolutions.class);

    private final ChannelTransactionStore store;
    private final ChannelEvents events;
    private final MeterRegistry metrics;

    Resolutions(ChannelTransactionStore store, ChannelEvents events, MeterRegistry metrics) {
        this.store = store;
        this.events = events;
        this.metrics = metrics;
    }

    public enum Kind {
        /** This call resolved it. */
        RESOLVED,
        /** It was resolved already with the same outcome (paid or not). */
        ALREADY,
        /** It was resolved already with the opposite outcome: nothing changed, logged and counted. */
        CONFLICT,
        /** No transaction with that payment id. */
        UNKNOWN,
        /** The channel's amount is not the transaction's: nothing changed. */
        AMOUNT_MISMATCH
    }

    public record Result(Kind kind, ChannelTransaction transaction) {
    }

    /**
     * Applies {@code outcome} (final) to the payment's transaction, in its own database transaction.
     *
     * @param amountMinor what the channel reports, checked against the transaction; null if it reports none
     * @param source      who learnt it, for the log: {@code notification}, {@code query}, {@code close}, {@code create}
     */
    public Uni<Result> resolve(String paymentId, ChannelTransactionStatus outcome, String channelTradeNo,
            Long amountMinor, String failureCode, String source) {
        return resolve(paymentId, null, outcome, channelTradeNo, amountMinor, failureCode, source);
    }

    /**
     * The same, when {@code fromChannel} says so (a notification): a transaction held by another channel is
     * {@link Kind#UNKNOWN} to it. Failover switches a payment's channel only when the previous one never
     * received it, so a genuine notification always comes from the row's channel; anything else is refused.
     */
    public Uni<Result> resolve(String paymentId, String fromChannel, ChannelTransactionStatus outcome,
            String channelTradeNo, Long amountMinor, String failureCode, String source) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException("not a final outcome: " + outcome);
        }
        return Panache.withTransaction(() -> store.lock(paymentId).chain(tx -> {
            if (tx == null || (fromChannel != null && !fromChannel.equals(tx.channel))) {
                return Uni.createFrom().item(new Result(Kind.UNKNOWN, null));
            }
            if (amountMinor != null && amountMinor != tx.amountMinor) {
                LOG.errorf("%s of payment %s reports another amount than the transaction's: ignored", source, paymentId);
                return Uni.createFrom().item(new Result(Kind.AMOUNT_MISMATCH, tx));
            }
            if (tx.status.isFinal()) {
                if (tx.status.paid() == outcome.paid()) {
                    return Uni.createFrom().item(new Result(Kind.ALREADY, tx));
                }
                metrics.counter(CONFLICTS, "channel", tx.channel, "source", source).increment();
                LOG.errorf("CONFLICTING OUTCOME: payment %s is %s at %s but %s now says %s; nothing changed,"
                        + " reconcile by hand (a paid trade may need a refund)",
                        paymentId, tx.status.apiName(), tx.channel, source, outcome.apiName());
                return Uni.createFrom().item(new Result(Kind.CONFLICT, tx));
            }
            tx.resolve(outcome, channelTradeNo, failureCode, Instant.now());
            LOG.infof("payment %s %s at %s (from %s)", paymentId, outcome.apiName(), tx.channel, source);
            return events.resolved(tx).replaceWith(new Result(Kind.RESOLVED, tx));
        }));
    }

    /** A channel's final trade state as a transaction outcome; null for a state that is not final. */
    public static ChannelTransactionStatus outcomeOf(ChannelTrade.State state) {
        return switch (state) {
            case PAID -> ChannelTransactionStatus.SUCCEEDED;
            case CLOSED -> ChannelTransactionStatus.FAILED;
            case WAITING, NOT_FOUND -> null;
        };
    }
}
