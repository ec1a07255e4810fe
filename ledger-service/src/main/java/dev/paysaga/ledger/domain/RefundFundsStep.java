package dev.paysaga.ledger.domain;

import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * The funds step of a refund: the amount is held on its way back from the merchant's settlement account
 * (which may not go below zero) to the customer's wallet or, for a payment taken through a channel, to
 * that channel's clearing account (the channel pays the customer back and settles less with us).
 */
@Singleton
public class RefundFundsStep extends HeldTransferStep {

    RefundFundsStep(Postings postings) {
        super(postings);
    }

    @Override
    protected Uni<Transfer> hold(SagaCommand command) {
        RefundInstruction r = command.refund();
        Uni<String> payee = r.throughChannel()
                ? postings.account(r.channel(), AccountType.CHANNEL_CLEARING, r.currency())
                : postings.account(r.customerId(), AccountType.CUSTOMER_WALLET, r.currency());
        return postings.account(r.merchantId(), AccountType.MERCHANT_SETTLEMENT, r.currency())
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
