package dev.paysaga.sandbox.alipay;

import java.util.Map;

/**
 * Alipay's trade statuses and the one table of transitions the sandbox allows.
 *
 * <pre>
 * WAIT_BUYER_PAY --BUYER_PAYS------> TRADE_SUCCESS
 * WAIT_BUYER_PAY --BUYER_DECLINES--> TRADE_CLOSED
 * WAIT_BUYER_PAY --MERCHANT_CLOSES-> TRADE_CLOSED   (alipay.trade.close)
 * TRADE_SUCCESS  --FULLY_REFUNDED--> TRADE_CLOSED   (alipay.trade.refund of the whole amount)
 * TRADE_CLOSED   --PAID_AFTER_CLOSE-> TRADE_SUCCESS (admin: the buyer paid just before the merchant's close took
 *                                                   effect; only a trade the merchant closed unpaid, see Trade)
 * </pre>
 */
public enum TradeStatus {
    WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED;

    public enum Event { BUYER_PAYS, BUYER_DECLINES, MERCHANT_CLOSES, FULLY_REFUNDED, PAID_AFTER_CLOSE }

    private static final Map<TradeStatus, Map<Event, TradeStatus>> TRANSITIONS = Map.of(
            WAIT_BUYER_PAY, Map.of(
                    Event.BUYER_PAYS, TRADE_SUCCESS,
                    Event.BUYER_DECLINES, TRADE_CLOSED,
                    Event.MERCHANT_CLOSES, TRADE_CLOSED),
            TRADE_SUCCESS, Map.of(
                    Event.FULLY_REFUNDED, TRADE_CLOSED),
            TRADE_CLOSED, Map.of(
                    Event.PAID_AFTER_CLOSE, TRADE_SUCCESS));

    /** The status after the event, or null when the event is not allowed in this status. */
    public TradeStatus on(Event event) {
        return TRANSITIONS.get(this).get(event);
    }
}
