package dev.paysaga.ledger.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The funds step of a refund to a wallet: Try holds the amount in a pending transfer from the
 * merchant's settlement account back to the customer's wallet (refused if the merchant's balance
 * cannot cover it), Confirm posts it, Cancel voids it.
 */
@ApplicationScoped
public class RefundFundsStep implements TccParticipant {
    private final Postings postings;

    RefundFundsStep(Postings postings) {
        this.postings = postings;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        RefundInstruction r = command.refund();
        return postings.account(r.merchantId(), AccountType.MERCHANT_SETTLEMENT, r.currency())
                .chain(merchant -> postings.account(r.customerId(), AccountType.CUSTOMER_WALLET, r.currency())
                        .chain(wallet -> postings.hold(merchant, wallet, r.amountMinor(), r.currency(), "refund",
                                r.refundId())))
                .onFailure(Postings.InsufficientFunds.class)
                .transform(e -> new TccRefusal("insufficient_funds", "the settlement balance of " + r.merchantId()
                        + " cannot cover a refund of " + r.amountMinor() + " " + r.currency()))
                .map(transfer -> JsonNodeFactory.instance.objectNode().put("transfer_id", transfer.id()));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return postings.postPending(tried.get("transfer_id").asText());
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return postings.voidPending(tried.get("transfer_id").asText());
    }
}
