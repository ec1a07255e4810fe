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
 * The funds step of a payment: Try holds the amount in a pending transfer to the merchant's
 * settlement account from the customer's wallet (refused if the wallet would overdraw) or, for a
 * channel payment, from that channel's clearing account; Confirm posts it, Cancel voids it.
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
        Uni<String> source = p.throughChannel()
                ? postings.account(p.channel(), AccountType.CHANNEL_CLEARING, p.currency())
                : postings.account(p.customerId(), AccountType.CUSTOMER_WALLET, p.currency());
        return source
                .chain(payer -> postings.account(p.merchantId(), AccountType.MERCHANT_SETTLEMENT, p.currency())
                        .chain(merchant -> postings.hold(payer, merchant, p.amountMinor(), p.currency(), "payment",
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
