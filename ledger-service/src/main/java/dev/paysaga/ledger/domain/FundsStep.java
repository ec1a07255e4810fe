package dev.paysaga.ledger.domain;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * The funds step of a payment: the amount is held on its way to the merchant's settlement account
 * from the wallet the payment's customer holds at that merchant (which may not overdraw) or, for a
 * channel payment, from that channel's clearing account. Another merchant's wallet of the same
 * customer id is never touched.
 */
@Singleton
public class FundsStep extends HeldTransferStep {

    FundsStep(Postings postings) {
        super(postings);
    }

    @Override
    protected Uni<Transfer> hold(SagaCommand command) {
        PaymentInstruction p = command.payment();
        Uni<String> payer = postings.account(p.throughChannel() ? AccountKey.clearing(p.channel(), p.currency())
                : AccountKey.wallet(p.merchantId(), p.customerId(), p.currency()));
        return payer.chain(from -> postings.account(AccountKey.settlement(p.merchantId(), p.currency()))
                .chain(merchant -> postings.hold(from, merchant, p.amountMinor(), p.currency(), "payment", p.paymentId())));
    }

    @Override
    protected String insufficientFunds(SagaCommand command) {
        PaymentInstruction p = command.payment();
        return "the wallet of " + p.customerId() + " at " + p.merchantId() + " cannot cover " + p.amountMinor() + " "
                + p.currency();
    }
}
