package dev.paysaga.payment.domain;

import dev.paysaga.contracts.ChannelTransactionEvent;
import dev.paysaga.payment.persistence.ChannelOutcomes;
import dev.paysaga.runtime.tcc.TccCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the channel said about a payment: recorded (the first word stands), then — if the saga's
 * channel step is waiting — the step's Try is answered. Runs in the inbox's transaction and takes
 * the payment's outcome lock first, like {@link ChannelStep#tryPhase}, so the two never miss each other.
 */
@ApplicationScoped
public class ChannelOutcome {
    private static final Logger LOG = Logger.getLogger(ChannelOutcome.class);
    private final ChannelOutcomes outcomes;
    private final TccCommands tcc;
    private final MeterRegistry registry;

    ChannelOutcome(ChannelOutcomes outcomes, TccCommands tcc, MeterRegistry registry) {
        this.outcomes = outcomes;
        this.tcc = tcc;
        this.registry = registry;
    }

    public Uni<Void> apply(ChannelTransactionEvent event) {
        boolean paid = ChannelTransactionEvent.SUCCEEDED_STATUS.equals(event.status());
        String failureCode = paid ? null : event.failureCode() != null ? event.failureCode() : "channel_declined";
        return outcomes.lock(event.paymentId())
                .chain(() -> Payment.<Payment>findById(event.paymentId()))
                .chain(payment -> outcomes.record(event).chain(first -> {
                    if (!first || payment == null) {
                        return Uni.createFrom().voidItem(); // a repeat, or the step will read it when it comes
                    }
                    return tcc.settleTry(payment.sagaId, ChannelStep.STEP, paid, failureCode,
                                    paid ? null : "the channel declined the payment")
                            .invoke(settled -> {
                                if (!settled && paid && payment.status != PaymentStatus.PROCESSING) {
                                    registry.counter("paysaga.channel.paid_after_cancel").increment();
                                    LOG.errorf("payment %s was paid at %s after it ended %s; it needs a refund",
                                            payment.id, event.channel(), payment.status);
                                }
                            }).replaceWithVoid();
                }));
    }
}
