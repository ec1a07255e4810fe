package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.admin.LatePayments;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * UnionPay's consumes by orderId (our payment id without its {@code _}) for paid-after-close. UnionPay has no close:
 * the merchant takes a consume past its payTimeout as closed, so only such a consume can be paid late; its back
 * notification (txnType 01, respCode 00) is sent as for any payment.
 */
@ApplicationScoped
public class UnionPayLatePayments implements LatePayments {
    private final AcpTransactions transactions;
    private final UnionPayNotifier notifier;

    public UnionPayLatePayments(AcpTransactions transactions, UnionPayNotifier notifier) {
        this.transactions = transactions;
        this.notifier = notifier;
    }

    @Override
    public String channel() {
        return UnionPayGateway.CHANNEL;
    }

    @Override
    public Optional<CustomerSimulator.Order> order(String paymentId) {
        return consume(paymentId).map(tx -> new UnionPayCustomerOrder(tx, notifier));
    }

    @Override
    public PaidTrade view(String paymentId) {
        AcpTransaction.Snapshot tx = consume(paymentId).orElseThrow().snapshot();
        return new PaidTrade(channel(), AcpOrderIds.ourId(tx.orderId()), tx.queryId(), tx.state().name(), tx.amountFen());
    }

    private Optional<AcpTransaction> consume(String paymentId) {
        return transactions.byOrderId(AcpOrderIds.orderId(paymentId)).filter(AcpTransaction::isConsume);
    }
}
