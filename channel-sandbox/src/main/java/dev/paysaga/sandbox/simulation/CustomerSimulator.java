package dev.paysaga.sandbox.simulation;

import dev.paysaga.sandbox.admin.ChannelBehaviour;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The customer who scans the QR code of a new order, for every channel the sandbox plays:
 * latency_millis later, declines with probability decline_rate or pays; unless never_notify, the
 * channel then notifies the merchant. A silent customer never acts. The merchant closing first wins:
 * the customer then finds nothing to pay. What paying, declining and notifying mean is the channel's.
 */
@ApplicationScoped
public class CustomerSimulator {
    private final SandboxScheduler scheduler;

    public CustomerSimulator(SandboxScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** One order at one channel, as the simulated customer acts on it. */
    public interface Order {
        /** Pays, or declines; false when it came too late (the merchant closed the order first): nothing changed. */
        boolean settle(boolean declines);

        /** Builds the channel's notification of what happened; sends it unless {@code withhold} (kept for the admin API). */
        void announce(boolean withhold);

        /**
         * Pays an order the merchant closed, as if the customer had paid the stale QR code just before the close took
         * effect; false (nothing changed) unless the order was closed unpaid.
         */
        boolean settleAfterClose();
    }

    /**
     * The customer paid an order the merchant had closed ({@code POST /admin/channels/{channel}/payments/{id}/paid-after-close}):
     * paid now, and announced as every payment of the channel is, unless never_notify. False when it was not closed unpaid.
     */
    public boolean paysAfterClose(Order order, ChannelBehaviour behaviour) {
        if (!order.settleAfterClose()) {
            return false;
        }
        order.announce(behaviour.neverNotify());
        return true;
    }

    /** The behaviour is the one in force when the order was created. */
    public void onNewOrder(Order order, ChannelBehaviour behaviour) {
        if (behaviour.silent()) {
            return;
        }
        scheduler.later(behaviour.latencyMillis(), () -> {
            boolean declines = ThreadLocalRandom.current().nextDouble() < behaviour.declineRate();
            if (order.settle(declines)) {
                order.announce(behaviour.neverNotify());
            }
        });
    }
}
