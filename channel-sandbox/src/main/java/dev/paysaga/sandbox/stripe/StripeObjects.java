package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sandbox's in-memory Stripe objects: PaymentIntents (also by their charge's id), Refunds by id and in the order
 * made, and balance transactions in the order made. Bounded, all together, by max-objects.
 */
@ApplicationScoped
public class StripeObjects {
    private final Map<String, PaymentIntent> intents = new ConcurrentHashMap<>();
    private final Map<String, PaymentIntent> intentsByCharge = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    private final List<ObjectNode> refundsInOrder = new ArrayList<>();
    private final List<ObjectNode> balanceTransactions = new ArrayList<>();
    private final Map<String, String> transactionOfSource = new ConcurrentHashMap<>();
    private final int maxObjects;

    public StripeObjects(@ConfigProperty(name = "paysaga.sandbox.stripe.max-objects", defaultValue = "100000") int maxObjects) {
        this.maxObjects = maxObjects;
    }

    synchronized boolean full() {
        return intents.size() + refunds.size() + balanceTransactions.size() >= maxObjects;
    }

    void add(PaymentIntent intent) {
        intents.put(intent.id, intent);
    }

    Optional<PaymentIntent> intent(String id) {
        return Optional.ofNullable(id == null ? null : intents.get(id));
    }

    /** The latest intent made for our payment id ({@code metadata[payment_id]}), as the adapter makes one per payment. */
    Optional<PaymentIntent> intentOfPayment(String paymentId) {
        return intents.values().stream().filter(intent -> paymentId.equals(intent.metadata.get("payment_id")))
                .max(java.util.Comparator.comparingLong(intent -> intent.created));
    }

    void charged(String chargeId, PaymentIntent intent) {
        intentsByCharge.put(chargeId, intent);
    }

    Optional<PaymentIntent> intentOfCharge(String chargeId) {
        return Optional.ofNullable(chargeId == null ? null : intentsByCharge.get(chargeId));
    }

    synchronized void addRefund(ObjectNode refund) {
        refunds.put(refund.get("id").asText(), refund);
        refundsInOrder.add(refund);
    }

    Optional<ObjectNode> refund(String id) {
        return Optional.ofNullable(id == null ? null : refunds.get(id));
    }

    /** Every refund, oldest first (a copy). */
    synchronized List<ObjectNode> refunds() {
        return List.copyOf(refundsInOrder);
    }

    synchronized void addBalanceTransaction(ObjectNode txn) {
        balanceTransactions.add(txn);
        transactionOfSource.put(txn.get("source").asText(), txn.get("id").asText());
    }

    /** The id of the balance transaction a charge or refund made, or null. */
    String transactionOf(String sourceId) {
        return sourceId == null ? null : transactionOfSource.get(sourceId);
    }

    /** Every balance transaction, oldest first (a copy). */
    synchronized List<ObjectNode> balanceTransactions() {
        return List.copyOf(balanceTransactions);
    }
}
