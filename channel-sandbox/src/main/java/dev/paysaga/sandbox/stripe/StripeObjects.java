package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sandbox's in-memory Stripe objects: PaymentIntents and Refunds by id, bounded by max-objects. */
@ApplicationScoped
public class StripeObjects {
    private final Map<String, PaymentIntent> intents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    private final int maxObjects;

    public StripeObjects(@ConfigProperty(name = "paysaga.sandbox.stripe.max-objects", defaultValue = "100000") int maxObjects) {
        this.maxObjects = maxObjects;
    }

    boolean full() {
        return intents.size() + refunds.size() >= maxObjects;
    }

    void add(PaymentIntent intent) {
        intents.put(intent.id, intent);
    }

    Optional<PaymentIntent> intent(String id) {
        return Optional.ofNullable(id == null ? null : intents.get(id));
    }

    void addRefund(ObjectNode refund) {
        refunds.put(refund.get("id").asText(), refund);
    }

    Optional<ObjectNode> refund(String id) {
        return Optional.ofNullable(id == null ? null : refunds.get(id));
    }
}
