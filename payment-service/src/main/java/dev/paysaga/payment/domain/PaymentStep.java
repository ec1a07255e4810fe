package dev.paysaga.payment.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.runtime.tcc.TccParticipant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * The payment step of a payment saga: Try records the payment as processing, Confirm makes it
 * succeeded, Cancel makes it failed (with the saga's reason) or cancelled.
 */
@ApplicationScoped
public class PaymentStep implements TccParticipant {

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        PaymentInstruction instruction = command.payment();
        Instant now = Instant.now();
        Payment payment = new Payment();
        payment.id = instruction.paymentId();
        payment.orderId = instruction.orderId();
        payment.sagaId = command.sagaId();
        payment.merchantId = instruction.merchantId();
        payment.customerId = instruction.customerId();
        payment.amountMinor = instruction.amountMinor();
        payment.currency = instruction.currency();
        payment.method = instruction.method();
        payment.channel = instruction.channel();
        payment.status = PaymentStatus.PENDING;
        payment.createdAt = now;
        payment.moveTo(PaymentStatus.PROCESSING, now);
        return payment.persist().replaceWith(JsonNodeFactory.instance.objectNode().put("payment_id", payment.id));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return locked(command).invoke(p -> p.moveTo(PaymentStatus.SUCCEEDED, Instant.now())).replaceWithVoid();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return locked(command).invoke(p -> {
            if (command.failureCode() != null) {
                p.moveTo(PaymentStatus.FAILED, Instant.now());
                p.failureCode = command.failureCode();
                p.failureMessage = "The payment saga was cancelled: " + command.failureCode();
            } else {
                p.moveTo(PaymentStatus.CANCELLED, Instant.now());
            }
        }).replaceWithVoid();
    }

    private static Uni<Payment> locked(SagaCommand command) {
        return Payment.<Payment>findById(command.payment().paymentId(), LockModeType.PESSIMISTIC_WRITE);
    }
}
