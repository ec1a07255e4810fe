package dev.paysaga.payment.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * The refund step of a refund saga. The refund was reserved against the payment when it was
 * requested; Try checks it is still pending, Confirm makes it succeeded and counts it on the
 * payment, Cancel — also when its Try never ran — makes it failed, which frees its amount.
 */
@ApplicationScoped
public class RefundStep implements TccParticipant {

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        return locked(command).map(refund -> {
            if (refund.status != RefundStatus.PENDING) {
                throw new TccRefusal("invalid_state_transition", "refund " + refund.id + " is no longer pending");
            }
            return JsonNodeFactory.instance.objectNode().put("refund_id", refund.id);
        });
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        RefundInstruction instruction = command.refund();
        Instant now = Instant.now();
        return locked(command).invoke(refund -> refund.moveTo(RefundStatus.SUCCEEDED, now))
                .chain(refund -> Payment.<Payment>findById(instruction.paymentId(), LockModeType.PESSIMISTIC_WRITE))
                .invoke(payment -> {
                    payment.amountRefundedMinor += instruction.amountMinor();
                    payment.moveTo(payment.amountRefundedMinor == payment.amountMinor
                            ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED, now);
                })
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return fail(command);
    }

    @Override
    public Uni<Void> cancelUntried(SagaCommand command) {
        return fail(command);
    }

    private static Uni<Void> fail(SagaCommand command) {
        return Refund.<Refund>findById(command.refund().refundId(), LockModeType.PESSIMISTIC_WRITE)
                .invoke(refund -> {
                    if (refund != null && refund.status == RefundStatus.PENDING) {
                        refund.moveTo(RefundStatus.FAILED, Instant.now());
                        refund.failureCode = command.failureCode() != null ? command.failureCode() : "cancelled";
                    }
                }).replaceWithVoid();
    }

    private static Uni<Refund> locked(SagaCommand command) {
        String id = command.refund().refundId();
        return Refund.<Refund>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new TccRefusal("not_found", "no refund " + id));
    }
}
