package dev.paysaga.channel.domain;

import dev.paysaga.channel.persistence.ChannelTransactionStore;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A lost notification never leaves a payment hanging: pending transactions are queried at their
 * channel when due (first {@code first-after} after creation, then backing off exponentially to a
 * cap), and a final answer resolves them exactly as a notification would. Claims are bounded
 * batches taken with {@code FOR UPDATE SKIP LOCKED} by the database's clock, so replicas share the
 * work without querying one transaction twice at the same time.
 *
 * <p>The query has an end: a transaction still pending {@code give-up-after} its creation (no saga
 * closed it: its open failed before any saga began, or its saga's close kept failing) is closed at
 * its channel instead of queried, which settles it either way (closed, or paid after all).
 */
@ApplicationScoped
public class ActiveQuery {
    private static final Logger LOG = Logger.getLogger(ActiveQuery.class);

    private final OwnContext ownContext;
    private final ChannelTransactionStore store;
    private final ChannelRouter router;
    private final Resolutions resolutions;
    private final int batchSize;
    private final int concurrency;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final Duration giveUpAfter;
    private final ChannelTransactions transactions;

    ActiveQuery(OwnContext ownContext, ChannelTransactionStore store, ChannelRouter router, Resolutions resolutions,
            ChannelTransactions transactions,
            @ConfigProperty(name = "paysaga.channels.query.give-up-after", defaultValue = "PT2H") Duration giveUpAfter,
            @ConfigProperty(name = "paysaga.channels.query.batch-size", defaultValue = "50") int batchSize,
            @ConfigProperty(name = "paysaga.channels.query.concurrency", defaultValue = "8") int concurrency,
            @ConfigProperty(name = "paysaga.channels.query.backoff-base", defaultValue = "PT3S") Duration backoffBase,
            @ConfigProperty(name = "paysaga.channels.query.backoff-cap", defaultValue = "PT60S") Duration backoffCap) {
        if (batchSize < 1 || batchSize > 1000 || concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("query batch-size must be 1..1000 and concurrency 1..64");
        }
        this.ownContext = ownContext;
        this.store = store;
        this.router = router;
        this.resolutions = resolutions;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.backoffBase = backoffBase;
        this.backoffCap = backoffCap;
        this.giveUpAfter = giveUpAfter;
        this.transactions = transactions;
    }

    @Scheduled(every = "${paysaga.channels.query.interval:1s}", delayed = "${paysaga.channels.query.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce().onFailure().invoke(e -> LOG.warnf("active query sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Queries one claimed batch; the number of transactions it resolved. */
    public Uni<Integer> sweepOnce() {
        return store.claimDue(batchSize, backoffBase, backoffCap)
                .chain(due -> ownContext.each(due, this::queryOne, concurrency));
    }

    /**
     * Queries one pending transaction now, not at its next turn (reconciliation found it paid in the channel's
     * statement): a paid answer settles it through the normal path. Answers the transaction as it was found.
     */
    public Uni<ChannelTransaction> queryNow(String paymentId) {
        return Panache.withSession(() -> store.find(paymentId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("channel transaction", paymentId))
                .chain(tx -> tx.status.isFinal() ? Uni.createFrom().item(tx)
                        : query(new ChannelTransactionStore.Due(tx.paymentId, tx.channel)).replaceWith(tx));
    }

    private Uni<Boolean> queryOne(ChannelTransactionStore.Due due) {
        return Panache.withSession(() -> store.find(due.paymentId())).chain(tx -> {
            if (tx.createdAt.plus(giveUpAfter).isAfter(Instant.now())) {
                return query(due);
            }
            LOG.infof("payment %s pending at %s since %s: closing it there", tx.paymentId, tx.channel, tx.createdAt);
            return transactions.close(tx.paymentId).map(closed -> closed.transaction().status.isFinal())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("close of payment %s at %s failed, retried later: %s", tx.paymentId, tx.channel,
                                e.getMessage());
                        return false;
                    });
        });
    }

    private Uni<Boolean> query(ChannelTransactionStore.Due due) {
        return Panache.withSession(() -> store.find(due.paymentId()))
                // The row's channel as read now: a failover may have switched it since the claim.
                .chain(tx -> router.require(tx.channel).query(tx.payment()))
                .chain(trade -> {
                    ChannelTransactionStatus outcome = Resolutions.outcomeOf(trade.state());
                    if (outcome == null) {
                        return Uni.createFrom().item(false); // still waiting: due again after the backoff
                    }
                    String failure = outcome == ChannelTransactionStatus.FAILED ? "channel_declined" : null;
                    return resolutions.resolve(due.paymentId(), outcome, trade.channelTradeNo(), trade.amountMinor(),
                            failure, "query").map(r -> r.kind() == Resolutions.Kind.RESOLVED);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("query of payment %s at %s failed, retried later: %s", due.paymentId(), due.channel(),
                            e.getMessage());
                    return false;
                });
    }
}
