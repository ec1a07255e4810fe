package dev.paysaga.payment.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.payment.messaging.ChannelRouter;
import dev.paysaga.payment.persistence.ChannelOutcomes;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The channel step of a channel payment: the customer pays at the channel. Try answers at once if
 * the channel already told us (a customer who paid before the saga got here), else it waits until
 * {@link ChannelOutcomes} settles it. Confirm captures what a channel only authorized (Stripe's
 * manual capture). Cancel closes the transaction at the channel — also when its
 * Try never came, because the transaction was opened before the saga started.
 * Try and the outcome both take the payment's outcome lock first, so neither can miss the other.
 */
@ApplicationScoped
public class ChannelStep implements TccParticipant {
    public static final String STEP = "channel";
    private static final Logger LOG = Logger.getLogger(ChannelStep.class);
    private static final String PENDING = "pending";

    private final ChannelOutcomes outcomes;
    private final ChannelRouter router;
    private final MeterRegistry registry;

    ChannelStep(ChannelOutcomes outcomes, @RestClient ChannelRouter router, MeterRegistry registry) {
        this.outcomes = outcomes;
        this.router = router;
        this.registry = registry;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        String paymentId = command.payment().paymentId();
        return outcomes.lock(paymentId)
                .chain(() -> outcomes.find(paymentId))
                .map(outcome -> {
                    if (outcome != null && !outcome.succeeded()) {
                        throw new TccRefusal(outcome.failureCode(), "the channel declined payment " + paymentId);
                    }
                    return JsonNodeFactory.instance.objectNode().put("payment_id", paymentId)
                            .put("outcome", outcome == null ? PENDING : "succeeded");
                });
    }

    @Override
    public boolean answersLater(SagaCommand command, JsonNode tried) {
        return PENDING.equals(tried.path("outcome").asText());
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        // Alipay and WeChat Pay took the money when the customer paid; Stripe only authorized it and
        // captures now. A failure leaves the Confirm to be retried (a channel's capture is idempotent).
        return router.capture(command.payment().paymentId()).replaceWithVoid();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return close(command);
    }

    @Override
    public Uni<Void> cancelUntried(SagaCommand command) {
        return close(command);
    }

    private Uni<Void> close(SagaCommand command) {
        String paymentId = command.payment().paymentId();
        return router.close(paymentId).invoke(closed -> {
            if (closed.paidAfterAll()) {
                // The customer paid as the saga gave up: the channel holds money for a cancelled
                // payment. Counted and logged for the refund at the channel (see docs/sagas.md).
                registry.counter("paysaga.channel.paid_after_cancel").increment();
                LOG.errorf("payment %s was paid at the channel after its saga %s cancelled; it needs a refund",
                        paymentId, command.sagaId());
            }
        }).replaceWithVoid();
    }
}
