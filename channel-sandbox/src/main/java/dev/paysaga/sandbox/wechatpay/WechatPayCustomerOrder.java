package dev.paysaga.sandbox.wechatpay;

import dev.paysaga.sandbox.simulation.CustomerSimulator;

/** A Native order as the simulated customer acts on it: a payment is notified, a failed payment is not (as at WeChat Pay). */
final class WechatPayCustomerOrder implements CustomerSimulator.Order {
    private final WechatOrder order;
    private final WechatPayNotifier notifier;
    private volatile WechatOrder.Snapshot settled;

    WechatPayCustomerOrder(WechatOrder order, WechatPayNotifier notifier) {
        this.order = order;
        this.notifier = notifier;
    }

    @Override
    public boolean settle(boolean declines) {
        settled = order.apply(declines ? OrderState.Event.CUSTOMER_FAILS : OrderState.Event.CUSTOMER_PAYS);
        return settled != null;
    }

    @Override
    public boolean settleAfterClose() {
        settled = order.apply(OrderState.Event.PAID_BEFORE_CLOSE);
        return settled != null;
    }

    @Override
    public void announce(boolean withhold) {
        if (settled.state() != OrderState.SUCCESS) {
            return;
        }
        String body = notifier.notificationOf(settled);
        order.lastNotification(body);
        if (!withhold) {
            notifier.send(order, body);
        }
    }
}
