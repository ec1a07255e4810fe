package dev.paysaga.sandbox.wechatpay;

import dev.paysaga.sandbox.admin.LatePayments;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** WeChat Pay's orders by out_trade_no (our payment id) for paid-after-close: a TRANSACTION.SUCCESS notification is sent. */
@ApplicationScoped
public class WechatLatePayments implements LatePayments {
    private final WechatOrders orders;
    private final WechatPayNotifier notifier;

    public WechatLatePayments(WechatOrders orders, WechatPayNotifier notifier) {
        this.orders = orders;
        this.notifier = notifier;
    }

    @Override
    public String channel() {
        return WechatPayGateway.CHANNEL;
    }

    @Override
    public Optional<CustomerSimulator.Order> order(String paymentId) {
        return orders.find(paymentId).map(order -> new WechatPayCustomerOrder(order, notifier));
    }

    @Override
    public PaidTrade view(String paymentId) {
        WechatOrder.Snapshot order = orders.find(paymentId).orElseThrow().snapshot();
        return new PaidTrade(channel(), order.outTradeNo(), order.transactionId(), order.state().name(), order.totalFen());
    }
}
