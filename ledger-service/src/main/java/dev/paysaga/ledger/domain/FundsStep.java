package dev.paysaga.ledger.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The funds step of a wallet payment: Try holds the amount in a pending transfer from the
 * customer's wallet to the merchant's settlement account (refused if the wallet would overdraw),
 * Confirm posts it, Cancel voids it.
 */
@ApplicationScoped
public class FundsStep implements TccParticipant {
    private final Postings postings;

    FundsStep(Postings postings) {
        this.postings = postings;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        PaymentInstruction p = command.payment();
        return postings.account(p.customerId(), AccountType.CUSTOMER_WALLET, p.currency())
                .chain(wallet -> postings.account(p.merchantId(), AccountType.MERCHANT_SETTLEMENT, p.currency())
                        .chain(merchant -> postings.hold(wallet, merchant, p.amountMinor(), p.currency(), "payment",
                                p.paymentId())))
                .onFailure(Postings.InsufficientFunds.class)
                .transform(e -> new TccRefusal("insufficient_funds", "the wallet of " + p.customerId()
                        + " cannot cover " + p.amountMinor() + " " + p.currency()))
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
