package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.admin.LatePayments;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Alipay's trades by out_trade_no (our payment id) for paid-after-close: a TRADE_SUCCESS trade_status_sync is sent. */
@ApplicationScoped
public class AlipayLatePayments implements LatePayments {
    private final Trades trades;
    private final Notifier notifier;

    public AlipayLatePayments(Trades trades, Notifier notifier) {
        this.trades = trades;
        this.notifier = notifier;
    }

    @Override
    public String channel() {
        return AlipayGateway.CHANNEL;
    }

    @Override
    public Optional<CustomerSimulator.Order> order(String paymentId) {
        return trades.find(paymentId, null).map(trade -> new AlipayCustomerOrder(trade, notifier));
    }

    @Override
    public PaidTrade view(String paymentId) {
        Trade.Snapshot trade = trades.find(paymentId, null).orElseThrow().snapshot();
        return new PaidTrade(channel(), trade.outTradeNo(), trade.tradeNo(), trade.status().name(), trade.totalCents());
    }
}
