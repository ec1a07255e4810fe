package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.RefundEvent;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.runtime.tcc.TccParticipant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notification step of a refund saga: Confirm publishes {@code refund.succeeded} on the
 * public topic, Cancel {@code refund.failed}; keyed by the payment id so that a payment's events
 * reach consumers in order.
 */
@ApplicationScoped
public class RefundNotificationStep implements TccParticipant {
    private final Outbox outbox;

    RefundNotificationStep(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        return Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("refund_id", command.refund().refundId()));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return publish(command, RefundEvent.SUCCEEDED, "succeeded", null);
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return publish(command, RefundEvent.FAILED, "failed", command.failureCode());
    }

    private Uni<Void> publish(SagaCommand command, String type, String status, String failureCode) {
        RefundInstruction r = command.refund();
        RefundEvent event = new RefundEvent(r.refundId(), r.paymentId(), command.sagaId(), r.merchantId(),
                r.amountMinor(), r.currency(), r.reason(), status, failureCode);
        return outbox.enqueue(new OutgoingEvent(Topics.PAYMENT_EVENTS, r.paymentId(), type, r.refundId(),
                command.sagaId(), event)).replaceWithVoid();
    }
}
