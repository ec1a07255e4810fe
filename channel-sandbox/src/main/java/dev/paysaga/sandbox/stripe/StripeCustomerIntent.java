package dev.paysaga.sandbox.stripe;

import dev.paysaga.sandbox.simulation.CustomerSimulator;

/**
 * An unconfirmed PaymentIntent as the simulated customer acts on it: confirms with the client secret in the
 * browser (as Stripe.js would), the card authorizing or declining; either outcome is announced by webhook
 * ({@code payment_intent.amount_capturable_updated} or {@code payment_intent.payment_failed}).
 */
final class StripeCustomerIntent implements CustomerSimulator.Order {
    private final PaymentIntent intent;
    private final StripeApi api;

    StripeCustomerIntent(PaymentIntent intent, StripeApi api) {
        this.intent = intent;
        this.api = api;
    }

    @Override
    public boolean settle(boolean declines) {
        return api.customerConfirms(intent, declines);
    }

    @Override
    public boolean settleAfterClose() {
        return api.customerPaidBeforeCancel(intent);
    }

    @Override
    public void announce(boolean withhold) {
        api.announce(intent, withhold);
    }
}
