package dev.paysaga.payment.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.RiskAlert;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a decision and its alerts in the caller's transaction: the decision row, an alert row per fired
 * rule and the same alert to {@code risk.alerts} through the outbox, so none exists without the others.
 */
@ApplicationScoped
public class RiskRecords {
    private final Outbox outbox;
    private final ObjectMapper mapper;

    RiskRecords(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Uni<Void> record(RiskDecision decision, SagaCommand command) {
        RiskDecisionRow row = new RiskDecisionRow();
        row.paymentId = decision.paymentId();
        row.rulesVersion = decision.rulesVersion();
        row.outcome = decision.outcome().code();
        row.fired = mapper.createObjectNode().set("rules", mapper.valueToTree(decision.fired()));
        row.velocityChecked = decision.velocityChecked();
        row.evaluatedAt = decision.evaluatedAt();
        Uni<Void> written = row.persist().replaceWithVoid();
        for (RiskDecision.Fired fired : decision.fired()) {
            written = written.chain(() -> alert(decision, fired, command));
        }
        return written;
    }

    private Uni<Void> alert(RiskDecision decision, RiskDecision.Fired fired, SagaCommand command) {
        PaymentInstruction payment = command.payment();
        RiskAlertRow row = new RiskAlertRow();
        row.id = Ids.next("ral");
        row.paymentId = payment.paymentId();
        row.merchantId = payment.merchantId();
        row.customerId = payment.customerId();
        row.ruleId = fired.ruleId();
        row.rulesVersion = decision.rulesVersion();
        row.action = fired.action();
        row.mode = fired.mode();
        row.amountMinor = payment.amountMinor();
        row.currency = payment.currency();
        row.createdAt = decision.evaluatedAt();
        return row.persist().chain(() -> outbox.enqueue(new OutgoingEvent(Topics.RISK_ALERTS, payment.paymentId(),
                RiskAlert.TYPE, row.id, command.sagaId(), row.toAlert()))).replaceWithVoid();
    }
}
