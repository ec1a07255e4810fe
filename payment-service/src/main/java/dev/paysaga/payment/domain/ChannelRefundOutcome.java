package dev.paysaga.payment.domain;

import dev.paysaga.contracts.ChannelRefundEvent;
import dev.paysaga.payment.persistence.ChannelOutcomes;
import dev.paysaga.runtime.tcc.TccCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the channel finally said about a refund it was processing: answers the waiting Try of the refund
 * saga's channel step. Runs in the inbox's transaction under the refund's outcome lock, like
 * {@link ChannelRefundStep#tryPhase}; an outcome for a step that is not waiting (its Try answered at once)
 * changes nothing.
 */
@ApplicationScoped
public class ChannelRefundOutcome {
    private static final Logger LOG = Logger.getLogger(ChannelRefundOutcome.class);
    private final ChannelOutcomes outcomes;
    private final TccCommands tcc;
    private final MeterRegistry registry;

    ChannelRefundOutcome(ChannelOutcomes outcomes, TccCommands tcc, MeterRegistry registry) {
        this.outcomes = outcomes;
        this.tcc = tcc;
        this.registry = registry;
    }

    public Uni<Void> apply(ChannelRefundEvent event) {
        return outcomes.lock(event.refundId())
                .chain(() -> Refund.<Refund>findById(event.refundId()))
                .chain(refund -> {
                    if (refund == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return tcc.settleTry(refund.sagaId, ChannelRefundStep.STEP, event.succeeded(), event.failureCode(),
                                    event.succeeded() ? null : "the channel declined the refund")
                            .invoke(settled -> {
                                if (!settled && event.succeeded() && refund.status == RefundStatus.FAILED) {
                                    // Never by design (only a refund the channel does not have is abandoned).
                                    registry.counter("paysaga.channel.refunded_after_cancel").increment();
                                    LOG.errorf("refund %s was made at %s after its saga %s cancelled; reconcile by hand",
                                            refund.id, event.channel(), refund.sagaId);
                                }
                            }).replaceWithVoid();
                });
    }
}
