package dev.paysaga.payment.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.payment.risk.RiskCheck;
import dev.paysaga.payment.risk.RiskDecision;
import dev.paysaga.payment.risk.RiskRecords;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/**
 * The payment step of a payment saga: Try checks the payment against the risk rules and records it as
 * processing, Confirm makes it succeeded, Cancel makes it failed (with the saga's reason) or cancelled.
 * A payment the rules block is refused with {@code risk_blocked}: it is recorded as failed, with its risk
 * decision and alerts, and the saga cancels before any money moves.
 */
@ApplicationScoped
public class PaymentStep implements TccParticipant {
    private final RiskCheck risk;
    private final RiskRecords riskRecords;

    PaymentStep(RiskCheck risk, RiskRecords riskRecords) {
        this.risk = risk;
        this.riskRecords = riskRecords;
    }

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
        return risk.evaluate(instruction).chain(decision -> decision.blockingRule().isPresent()
                ? block(payment, decision, command)
                : riskRecords.record(decision, command).chain(payment::persist)
                        .replaceWith(JsonNodeFactory.instance.objectNode().put("payment_id", payment.id)));
    }

    /** Refuses the Try; the failed payment, its decision and alerts are kept with the refusal. */
    private Uni<JsonNode> block(Payment payment, RiskDecision decision, SagaCommand command) {
        String message = "Blocked by risk rule " + decision.blockingRule().orElseThrow().ruleId();
        payment.moveTo(PaymentStatus.FAILED, decision.evaluatedAt());
        payment.failureCode = RiskDecision.RISK_BLOCKED;
        payment.failureMessage = message;
        return Uni.createFrom().failure(TccRefusal.keeping(RiskDecision.RISK_BLOCKED, message,
                () -> riskRecords.record(decision, command).chain(payment::persist).replaceWithVoid()));
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
