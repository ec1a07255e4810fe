package dev.paysaga.ledger.domain;

import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * The funds step of a refund: the amount is held on its way back from the merchant's settlement account
 * (which may not go below zero) to the wallet the customer holds at that merchant or, for a payment
 * taken through a channel, to that channel's clearing account (the channel pays the customer back and
 * settles less with us).
 */
@Singleton
public class RefundFundsStep extends HeldTransferStep {

    RefundFundsStep(Postings postings) {
        super(postings);
    }

    @Override
    protected Uni<Transfer> hold(SagaCommand command) {
        RefundInstruction r = command.refund();
        Uni<String> payee = postings.account(r.throughChannel() ? AccountKey.clearing(r.channel(), r.currency())
                : AccountKey.wallet(r.merchantId(), r.customerId(), r.currency()));
        return postings.account(AccountKey.settlement(r.merchantId(), r.currency()))
                .chain(merchant -> payee.chain(to -> postings.hold(merchant, to, r.amountMinor(), r.currency(), "refund",
                        r.refundId())));
    }

    @Override
    protected String insufficientFunds(SagaCommand command) {
        RefundInstruction r = command.refund();
        return "the settlement balance of " + r.merchantId() + " cannot cover a refund of " + r.amountMinor() + " "
                + r.currency();
    }
}
