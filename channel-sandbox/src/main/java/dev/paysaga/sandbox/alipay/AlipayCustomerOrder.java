package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.alipay.TradeStatus.Event;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import java.util.Map;

/** An Alipay trade as the simulated customer acts on it: paying or declining closes it either way, both are notified. */
final class AlipayCustomerOrder implements CustomerSimulator.Order {
    private final Trade trade;
    private final Notifier notifier;
    private volatile Trade.Snapshot settled;

    AlipayCustomerOrder(Trade trade, Notifier notifier) {
        this.trade = trade;
        this.notifier = notifier;
    }

    @Override
    public boolean settle(boolean declines) {
        settled = trade.apply(declines ? Event.BUYER_DECLINES : Event.BUYER_PAYS, AlipayTime.now());
        return settled != null;
    }

    @Override
    public boolean settleAfterClose() {
        settled = trade.apply(Event.PAID_AFTER_CLOSE, AlipayTime.now());
        return settled != null;
    }

    @Override
    public void announce(boolean withhold) {
        Map<String, String> notification = notifier.notificationOf(settled);
        trade.lastNotification(notification);
        if (!withhold && trade.notifyUrl() != null) {
            notifier.send(trade, notification);
        }
    }
}
