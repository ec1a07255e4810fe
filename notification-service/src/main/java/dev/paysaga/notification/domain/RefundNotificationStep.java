package dev.paysaga.notification.domain;

import dev.paysaga.contracts.RefundEvent;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import jakarta.inject.Singleton;

/**
 * The notification step of a refund saga: {@code refund.succeeded} or {@code refund.failed}, keyed
 * by the payment id so that a payment's events reach consumers in order.
 */
@Singleton
public class RefundNotificationStep extends OutcomeNotificationStep {

    RefundNotificationStep(Outbox outbox) {
        super(outbox);
    }

    @Override
    protected String subject(SagaCommand command) {
        return command.refund().refundId();
    }

    @Override
    protected OutgoingEvent outcome(SagaCommand command, boolean succeeded) {
        RefundInstruction r = command.refund();
        RefundEvent event = new RefundEvent(r.refundId(), r.paymentId(), command.sagaId(), r.merchantId(),
                r.amountMinor(), r.currency(), r.reason(), succeeded ? "succeeded" : "failed",
                succeeded ? null : command.failureCode());
        return new OutgoingEvent(Topics.PAYMENT_EVENTS, r.paymentId(), succeeded ? RefundEvent.SUCCEEDED
                : RefundEvent.FAILED, r.refundId(), command.sagaId(), event);
    }
}
