package dev.paysaga.notification.domain;

import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import jakarta.inject.Singleton;

/** The notification step of a payment saga: {@code payment.succeeded} or {@code payment.failed}. */
@Singleton
public class NotificationStep extends OutcomeNotificationStep {

    NotificationStep(Outbox outbox) {
        super(outbox);
    }

    @Override
    protected String subject(SagaCommand command) {
        return command.payment().paymentId();
    }

    @Override
    protected OutgoingEvent outcome(SagaCommand command, boolean succeeded) {
        PaymentInstruction p = command.payment();
        PaymentEvent event = new PaymentEvent(p.paymentId(), p.orderId(), command.sagaId(), p.merchantId(),
                p.amountMinor(), p.currency(), p.method(), succeeded ? "succeeded" : "failed",
                succeeded ? null : command.failureCode());
        return new OutgoingEvent(Topics.PAYMENT_EVENTS, p.paymentId(), succeeded ? PaymentEvent.SUCCEEDED
                : PaymentEvent.FAILED, p.paymentId(), command.sagaId(), event);
    }
}
