package dev.paysaga.sandbox.unionpay;

import java.util.Map;

/**
 * The states of a consume (a QR code applied for with txnType 01 / txnSubType 07) and the one table of transitions.
 *
 * <pre>
 * WAITING --CUSTOMER_PAYS------> PAID      (back notification respCode 00; query origRespCode 00)
 * WAITING --CUSTOMER_FAILS-----> FAILED    (decline_rate; not notified, query origRespCode 01)
 * PAID    --MERCHANT_UNDOES----> UNDONE    (consumeUndo, txnType 31: the same day, the whole amount, nothing refunded)
 * PAID    --FULLY_REFUNDED-----> REFUNDED  (refunds, txnType 04, reaching the amount; partial ones keep it PAID)
 * </pre>
 * WAITING --PAID_BEFORE_TIMEOUT-> PAID    (admin, only past payTimeout: the customer paid the QR code just before it
 *                                          expired, i.e. just before the merchant took it as closed)
 * A WAITING consume past its payTimeout can no longer be paid: the customer finds nothing to pay.
 */
enum ConsumeState {
    WAITING, PAID, FAILED, UNDONE, REFUNDED;

    enum Event { CUSTOMER_PAYS, CUSTOMER_FAILS, MERCHANT_UNDOES, FULLY_REFUNDED, PAID_BEFORE_TIMEOUT }

    private static final Map<ConsumeState, Map<Event, ConsumeState>> TRANSITIONS = Map.of(
            WAITING, Map.of(Event.CUSTOMER_PAYS, PAID, Event.CUSTOMER_FAILS, FAILED, Event.PAID_BEFORE_TIMEOUT, PAID),
            PAID, Map.of(Event.MERCHANT_UNDOES, UNDONE, Event.FULLY_REFUNDED, REFUNDED),
            FAILED, Map.of(),
            UNDONE, Map.of(),
            REFUNDED, Map.of());

    /** The state after the event, or null when the event is not allowed in this state. */
    ConsumeState on(Event event) {
        return TRANSITIONS.get(this).get(event);
    }

    /** The consume itself succeeded (whatever was undone or refunded afterwards). */
    boolean paid() {
        return this == PAID || this == UNDONE || this == REFUNDED;
    }
}
