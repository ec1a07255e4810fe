package dev.paysaga.sandbox.wechatpay;

import java.util.Map;

/**
 * WeChat Pay's {@code trade_state} values the sandbox plays, and the one table of transitions it allows.
 *
 * <pre>
 * NOTPAY --CUSTOMER_PAYS-----> SUCCESS
 * NOTPAY --CUSTOMER_FAILS----> PAYERROR   (decline_rate: the payment fails at the payer's bank; not notified)
 * NOTPAY --MERCHANT_CLOSES---> CLOSED     (POST …/close)
 * CLOSED --MERCHANT_CLOSES---> CLOSED     (closing again is answered 204 again)
 * SUCCESS --MERCHANT_REFUNDS-> REFUND     (POST /v3/refund/domestic/refunds, part or all)
 * REFUND --MERCHANT_REFUNDS--> REFUND
 * CLOSED --PAID_BEFORE_CLOSE-> SUCCESS    (admin: the payer paid just before the merchant's close took effect)
 * </pre>
 */
enum OrderState {
    NOTPAY, SUCCESS, PAYERROR, CLOSED, REFUND;

    enum Event { CUSTOMER_PAYS, CUSTOMER_FAILS, MERCHANT_CLOSES, MERCHANT_REFUNDS, PAID_BEFORE_CLOSE }

    private static final Map<OrderState, Map<Event, OrderState>> TRANSITIONS = Map.of(
            NOTPAY, Map.of(
                    Event.CUSTOMER_PAYS, SUCCESS,
                    Event.CUSTOMER_FAILS, PAYERROR,
                    Event.MERCHANT_CLOSES, CLOSED),
            CLOSED, Map.of(Event.MERCHANT_CLOSES, CLOSED, Event.PAID_BEFORE_CLOSE, SUCCESS),
            SUCCESS, Map.of(Event.MERCHANT_REFUNDS, REFUND),
            REFUND, Map.of(Event.MERCHANT_REFUNDS, REFUND),
            PAYERROR, Map.of());

    /** The state after the event, or null when the event is not allowed in this state. */
    OrderState on(Event event) {
        return TRANSITIONS.get(this).get(event);
    }
}
