package dev.paysaga.ledger.domain;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * The funds step of a payment: the amount is held on its way to the merchant's settlement account
 * from the customer's wallet (which may not overdraw) or, for a channel payment, from that
 * channel's clearing account.
 */
@Singleton
public class FundsStep extends HeldTransferStep {

    FundsStep(Postings postings) {
        super(postings);
    }

    @Override
    protected Uni<Transfer> hold(SagaCommand command) {
        PaymentInstruction p = command.payment();
        Uni<String> payer = p.throughChannel()
                ? postings.account(p.channel(), AccountType.CHANNEL_CLEARING, p.currency())
                : postings.account(p.customerId(), AccountType.CUSTOMER_WALLET, p.currency());
        return payer.chain(from -> postings.account(p.merchantId(), AccountType.MERCHANT_SETTLEMENT, p.currency())
                .chain(merchant -> postings.hold(from, merchant, p.amountMinor(), p.currency(), "payment", p.paymentId())));
    }

    @Override
    protected String insufficientFunds(SagaCommand command) {
        PaymentInstruction p = command.payment();
        return "the wallet of " + p.customerId() + " cannot cover " + p.amountMinor() + " " + p.currency();
    }
}
