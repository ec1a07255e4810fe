package dev.paysaga.sandbox.stripe;

import dev.paysaga.sandbox.admin.LatePayments;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Stripe's PaymentIntents by our payment id ({@code metadata[payment_id]}, the latest intent of it) for
 * paid-after-close: a canceled intent becomes {@code succeeded} (captured in full, one charge balance transaction) and
 * {@code payment_intent.succeeded} is sent, as if the cancel had lost the race to the payment.
 */
@ApplicationScoped
public class StripeLatePayments implements LatePayments {
    private final StripeObjects objects;
    private final StripeApi api;

    public StripeLatePayments(StripeObjects objects, StripeApi api) {
        this.objects = objects;
        this.api = api;
    }

    @Override
    public String channel() {
        return StripeApi.CHANNEL;
    }

    @Override
    public Optional<CustomerSimulator.Order> order(String paymentId) {
        return objects.intentOfPayment(paymentId).map(intent -> new StripeCustomerIntent(intent, api));
    }

    @Override
    public PaidTrade view(String paymentId) {
        PaymentIntent intent = objects.intentOfPayment(paymentId).orElseThrow();
        return new PaidTrade(channel(), paymentId, intent.id, intent.status().wire(), intent.amountReceived());
    }
}
