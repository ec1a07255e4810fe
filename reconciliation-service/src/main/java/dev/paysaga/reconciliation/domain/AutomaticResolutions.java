package dev.paysaga.reconciliation.domain;

import dev.paysaga.reconciliation.persistence.ResolutionStore;
import dev.paysaga.reconciliation.router.ChannelRouterApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Carries out the resolutions where the truth is certain, through the normal paths: a pending payment the channel
 * has paid is queried at its channel now (its saga then goes on as after any notification); money the channel took
 * for a payment cancelled here goes back as a refund through its channel. Each is asked with what was planned once —
 * the refund with the refund id chosen when it was planned — so asking again, after a crash or from another replica,
 * is the same request, and the channel refunds once.
 */
@ApplicationScoped
public class AutomaticResolutions {
    private static final Logger LOG = Logger.getLogger(AutomaticResolutions.class);
    private static final int BATCH = 20;

    private final ResolutionStore store;
    private final ChannelRouterApi router;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final ReconciliationConfig config;
    private final AtomicBoolean running = new AtomicBoolean();

    AutomaticResolutions(ResolutionStore store, @RestClient ChannelRouterApi router, Pool pool, MeterRegistry metrics,
            ReconciliationConfig config) {
        this.store = store;
        this.router = router;
        this.pool = pool;
        this.metrics = metrics;
        this.config = config;
    }

    /** Works through what is pending now, unless this replica already is. */
    public void wake() {
        if (running.compareAndSet(false, true)) {
            drain().onTermination().invoke(() -> running.set(false))
                    .subscribe().with(done -> { }, e -> LOG.warnf("automatic resolutions: %s", e.toString()));
        }
    }

    private Uni<Void> drain() {
        return Multi.createBy().repeating().uni(this::once).until(handled -> handled == 0)
                .collect().last().replaceWithVoid();
    }

    /**
     * One batch, each resolution under its row lock for the whole call, so no other replica asks at the same time.
     * The channel is asked inside that transaction: a call takes at most the client's timeout, and holding the lock
     * is what keeps two replicas from asking at once.
     */
    Uni<Integer> once() {
        return pool.withTransaction(tx -> store.claimPending(tx, BATCH).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(r -> carryOut(tx, r))
                    .collect().last().replaceWith(claimed.size());
        }));
    }

    private Uni<Void> carryOut(SqlClient tx, ResolutionRecord resolution) {
        Uni<String> outcome = ResolutionRecord.REFUND.equals(resolution.action()) ? refund(resolution) : settle(resolution);
        return outcome
                .chain(status -> {
                    if (!ResolutionRecord.PENDING.equals(status)) {
                        metrics.counter("paysaga.reconciliation.resolutions", "action", resolution.action(), "status", status)
                                .increment();
                        LOG.infof("%s of payment %s at %s: %s", resolution.action(), resolution.paymentId(),
                                resolution.channel(), status);
                    }
                    return store.attempted(tx, resolution.id(), status, null, detail(resolution, status));
                })
                .onFailure().recoverWithUni(e -> {
                    boolean givingUp = resolution.attempts() + 1 >= config.maxAttempts();
                    String status = givingUp ? ResolutionRecord.FAILED : ResolutionRecord.PENDING;
                    LOG.warnf("%s of payment %s at %s: %s%s", resolution.action(), resolution.paymentId(),
                            resolution.channel(), why(e), givingUp ? "; left for a person" : "; tried again later");
                    return store.attempted(tx, resolution.id(), status, why(e), why(e));
                });
    }

    /** The refund at the channel: done once it succeeded, failed if the channel declined, else still pending. */
    private Uni<String> refund(ResolutionRecord resolution) {
        var request = new ChannelRouterApi.RefundRequest(resolution.refundId(), resolution.amountMinor(),
                resolution.currency(), "paid_after_cancel", true);
        return router.refund(resolution.paymentId(), request).map(refund -> switch (refund.status()) {
            case "succeeded" -> ResolutionRecord.DONE;
            case "failed" -> ResolutionRecord.FAILED;
            default -> ResolutionRecord.PENDING;
        });
    }

    /** The payment queried at its channel now: done once the router holds it as paid. */
    private Uni<String> settle(ResolutionRecord resolution) {
        return router.query(resolution.paymentId()).chain(found -> router.transaction(resolution.paymentId()))
                .map(tx -> switch (tx.status()) {
                    case "succeeded" -> ResolutionRecord.DONE;
                    case "pending" -> ResolutionRecord.PENDING;
                    default -> ResolutionRecord.FAILED; // closed meanwhile: the next run finds it paid after cancel
                });
    }

    private static String detail(ResolutionRecord resolution, String status) {
        return ResolutionRecord.REFUND.equals(resolution.action())
                ? "refund " + resolution.refundId() + " of " + resolution.amountMinor() + " " + resolution.currency() + ": " + status
                : "channel queried: " + status;
    }

    private static String why(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return "channel-router answered " + w.getResponse().getStatus();
        }
        return e.getClass().getSimpleName();
    }
}
