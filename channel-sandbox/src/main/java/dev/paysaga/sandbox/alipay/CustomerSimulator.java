package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.admin.ChannelBehaviour;
import dev.paysaga.sandbox.alipay.TradeStatus.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The customer who scans the QR code of a new trade: latency_millis later, declines with probability
 * decline_rate (the trade closes) or pays; unless never_notify, Alipay then notifies the merchant.
 * A silent customer never acts. The merchant closing first wins: the customer then finds nothing to pay.
 */
@ApplicationScoped
public class CustomerSimulator {
    private final SandboxScheduler scheduler;
    private final Notifier notifier;

    public CustomerSimulator(SandboxScheduler scheduler, Notifier notifier) {
        this.scheduler = scheduler;
        this.notifier = notifier;
    }

    /** The behaviour is the one in force when the trade was created. */
    public void onNewTrade(Trade trade, ChannelBehaviour behaviour) {
        if (behaviour.silent()) {
            return;
        }
        scheduler.later(behaviour.latencyMillis(), () -> act(trade, behaviour));
    }

    private void act(Trade trade, ChannelBehaviour behaviour) {
        boolean declines = ThreadLocalRandom.current().nextDouble() < behaviour.declineRate();
        Trade.Snapshot after = trade.apply(declines ? Event.BUYER_DECLINES : Event.BUYER_PAYS, AlipayTime.now());
        if (after == null) {
            return; // closed by the merchant before the customer acted
        }
        Map<String, String> notification = notifier.notificationOf(after);
        trade.lastNotification(notification);
        if (!behaviour.neverNotify() && trade.notifyUrl() != null) {
            notifier.send(trade, notification);
        }
    }
}
