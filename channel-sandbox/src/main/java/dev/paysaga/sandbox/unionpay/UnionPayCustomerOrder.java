package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.simulation.CustomerSimulator;

/** A consume as the simulated customer acts on it: a payment is notified to backUrl, a failed one is not. */
final class UnionPayCustomerOrder implements CustomerSimulator.Order {
    private final AcpTransaction tx;
    private final UnionPayNotifier notifier;
    private volatile AcpTransaction.Snapshot settled;

    UnionPayCustomerOrder(AcpTransaction tx, UnionPayNotifier notifier) {
        this.tx = tx;
        this.notifier = notifier;
    }

    @Override
    public boolean settle(boolean declines) {
        settled = tx.apply(declines ? ConsumeState.Event.CUSTOMER_FAILS : ConsumeState.Event.CUSTOMER_PAYS, AcpTime.now());
        return settled != null;
    }

    /** UnionPay has no close: the merchant takes a consume past its payTimeout as closed; paid now all the same. */
    @Override
    public boolean settleAfterClose() {
        settled = tx.apply(ConsumeState.Event.PAID_BEFORE_TIMEOUT, AcpTime.now());
        return settled != null;
    }

    @Override
    public void announce(boolean withhold) {
        if (settled.state() != ConsumeState.PAID) {
            return;
        }
        var fields = notifier.notificationOf(settled, tx.txnSubType);
        tx.lastNotification(fields);
        if (!withhold) {
            notifier.send(tx, fields);
        }
    }
}
