package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.runtime.tcc.TccParticipant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notification step of a payment saga. Try only takes part (the fence records it as pending);
 * Confirm publishes {@code payment.succeeded} on the public topic, Cancel {@code payment.failed}.
 * The event log records both from the topic, like every other event.
 */
@ApplicationScoped
public class NotificationStep implements TccParticipant {
    private final Outbox outbox;

    NotificationStep(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        return Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("payment_id", command.payment().paymentId()));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return publish(command, PaymentEvent.SUCCEEDED, "succeeded", null);
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return publish(command, PaymentEvent.FAILED, "failed", command.failureCode());
    }

    private Uni<Void> publish(SagaCommand command, String type, String status, String failureCode) {
        PaymentInstruction p = command.payment();
        PaymentEvent event = new PaymentEvent(p.paymentId(), p.orderId(), command.sagaId(), p.merchantId(),
                p.amountMinor(), p.currency(), p.method(), status, failureCode);
        return outbox.enqueue(new OutgoingEvent(Topics.PAYMENT_EVENTS, p.paymentId(), type, p.paymentId(),
                command.sagaId(), event)).replaceWithVoid();
    }
}
