package dev.paysaga.channel.domain;

import dev.paysaga.channel.persistence.ChannelRefundStore;
import dev.paysaga.channel.persistence.ChannelTransactionStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A refund the channel is still processing (WeChat Pay's PROCESSING, UnionPay's asynchronous refunds) or
 * whose answer was lost is queried at its channel when due, backing off like the payments' active query,
 * until the channel's final word settles it. It only asks: a refund the channel says it never received is
 * left for the saga that asked (its retried Try asks again; its Cancel abandons it), so nothing here can
 * race a Cancel into refunding after all.
 */
@ApplicationScoped
public class RefundQuery {
    private static final Logger LOG = Logger.getLogger(RefundQuery.class);

    private final OwnContext ownContext;
    private final ChannelRefundStore store;
    private final ChannelTransactionStore transactions;
    private final ChannelRouter router;
    private final ChannelRefunds refunds;
    private final int batchSize;
    private final Duration backoffBase;
    private final Duration backoffCap;

    RefundQuery(OwnContext ownContext, ChannelRefundStore store, ChannelTransactionStore transactions,
            ChannelRouter router, ChannelRefunds refunds,
            @ConfigProperty(name = "paysaga.channels.refund-query.batch-size", defaultValue = "20") int batchSize,
            @ConfigProperty(name = "paysaga.channels.refund-query.backoff-base", defaultValue = "PT3S") Duration backoffBase,
            @ConfigProperty(name = "paysaga.channels.refund-query.backoff-cap", defaultValue = "PT5M") Duration backoffCap) {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("refund-query batch-size must be 1..1000");
        }
        this.ownContext = ownContext;
        this.store = store;
        this.transactions = transactions;
        this.router = router;
        this.refunds = refunds;
        this.batchSize = batchSize;
        this.backoffBase = backoffBase;
        this.backoffCap = backoffCap;
    }

    @Scheduled(every = "${paysaga.channels.refund-query.interval:1s}",
            delayed = "${paysaga.channels.refund-query.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce().onFailure().invoke(e -> LOG.warnf("refund query sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Queries one claimed batch; the number of refunds it resolved. */
    public Uni<Integer> sweepOnce() {
        return store.claimDue(batchSize, backoffBase, backoffCap)
                .chain(due -> ownContext.each(due, this::queryOne, 4));
    }

    private Uni<Boolean> queryOne(String refundId) {
        return Panache.withSession(() -> store.find(refundId).chain(refund -> transactions.find(refund.paymentId)
                        .map(tx -> refund.asked(tx))
                        .chain(asked -> router.require(refund.channel).queryRefund(asked))))
                .chain(outcome -> refunds.settle(refundId, outcome, "query"))
                .map(refund -> refund.status.isFinal())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("query of refund %s failed, retried later: %s", refundId, e.getMessage());
                    return false;
                });
    }
}
