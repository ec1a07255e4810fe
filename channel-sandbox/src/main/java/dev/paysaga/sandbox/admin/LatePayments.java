package dev.paysaga.sandbox.admin;

import dev.paysaga.sandbox.simulation.CustomerSimulator;
import java.util.Optional;

/** A channel's side of paid-after-close: its trade of one of our payment ids, as the customer acts on it. */
public interface LatePayments {
    /** Its name in the admin API: alipay, wechatpay, unionpay, stripe. */
    String channel();

    /** The order of this payment id (in the channel's own terms, e.g. UnionPay's orderId); empty if unknown. */
    Optional<CustomerSimulator.Order> order(String paymentId);

    /** How the trade of this payment id stands now, for the answer. */
    PaidTrade view(String paymentId);

    /** The trade as paid-after-close answers it: the channel's status word and trade number. */
    record PaidTrade(String channel, String paymentId, String channelTradeNo, String status, long amount) {
    }
}
