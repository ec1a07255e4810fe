package dev.paysaga.sandbox.stripe;

import java.util.Map;

/**
 * The PaymentIntent statuses the sandbox plays (manual capture, cards), and the one table of transitions it allows.
 *
 * <pre>
 * requires_payment_method --ATTACH----------> requires_confirmation  (created with a payment_method, not confirmed)
 * requires_payment_method --AUTHORIZE-------> requires_capture       (confirmed, the card authorized the amount)
 * requires_payment_method --DECLINE---------> requires_payment_method (confirmed, the card declined: last_payment_error)
 * requires_confirmation   --AUTHORIZE / DECLINE, as above
 * requires_capture        --CAPTURE---------> succeeded
 * any but succeeded and canceled --CANCEL---> canceled
 * canceled                --PAID_BEFORE_CANCEL-> succeeded         (admin: the cancel lost the race to the payment)
 * </pre>
 * Refunds do not move the intent: a refunded PaymentIntent stays {@code succeeded}, as at Stripe.
 */
enum IntentStatus {
    REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_CAPTURE, SUCCEEDED, CANCELED;

    enum Event { ATTACH, AUTHORIZE, DECLINE, CAPTURE, CANCEL, PAID_BEFORE_CANCEL }

    private static final Map<IntentStatus, Map<Event, IntentStatus>> TRANSITIONS = Map.of(
            REQUIRES_PAYMENT_METHOD, Map.of(
                    Event.ATTACH, REQUIRES_CONFIRMATION,
                    Event.AUTHORIZE, REQUIRES_CAPTURE,
                    Event.DECLINE, REQUIRES_PAYMENT_METHOD,
                    Event.CANCEL, CANCELED),
            REQUIRES_CONFIRMATION, Map.of(
                    Event.AUTHORIZE, REQUIRES_CAPTURE,
                    Event.DECLINE, REQUIRES_PAYMENT_METHOD,
                    Event.CANCEL, CANCELED),
            REQUIRES_CAPTURE, Map.of(
                    Event.CAPTURE, SUCCEEDED,
                    Event.CANCEL, CANCELED),
            SUCCEEDED, Map.of(),
            CANCELED, Map.of(Event.PAID_BEFORE_CANCEL, SUCCEEDED));

    /** The status after the event, or null when the event is not allowed in this status. */
    IntentStatus on(Event event) {
        return TRANSITIONS.get(this).get(event);
    }

    /** Stripe's wire name: {@code requires_capture}, … */
    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
