package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One PaymentIntent as the sandbox remembers it. Every change goes through a synchronized method and the
 * {@link IntentStatus} table, so the customer confirming and the merchant cancelling at the same moment resolve
 * to exactly one outcome. Amounts are the integer in the currency's smallest unit, as Stripe's API has them.
 */
final class PaymentIntent {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final String clientSecret;
    final long amount;
    final String currency;
    final String description;
    final Map<String, String> metadata;
    final long created;

    private IntentStatus status;
    private String paymentMethod;
    private String chargeId;
    private long amountReceived;
    private long amountRefunded;
    private ObjectNode lastPaymentError;
    private Long canceledAt;
    private String cancellationReason;
    private String lastEvent;
    private int webhooksSent;
    private int webhooksAcknowledged;

    PaymentIntent(String id, String clientSecret, long amount, String currency, String description,
            Map<String, String> metadata, String paymentMethod) {
        this.id = id;
        this.clientSecret = clientSecret;
        this.amount = amount;
        this.currency = currency;
        this.description = description;
        this.metadata = new TreeMap<>(metadata);
        this.created = Instant.now().getEpochSecond();
        this.paymentMethod = paymentMethod;
        this.status = paymentMethod == null ? IntentStatus.REQUIRES_PAYMENT_METHOD
                : IntentStatus.REQUIRES_PAYMENT_METHOD.on(IntentStatus.Event.ATTACH);
    }

    synchronized IntentStatus status() {
        return status;
    }

    synchronized String paymentMethod() {
        return paymentMethod;
    }

    synchronized String chargeId() {
        return chargeId;
    }

    synchronized long amountReceived() {
        return amountReceived;
    }

    synchronized long amountRefunded() {
        return amountRefunded;
    }

    /** The card authorized the amount (manual capture: nothing is taken until the capture). */
    synchronized boolean authorize(String method, String newChargeId) {
        if (!move(IntentStatus.Event.AUTHORIZE)) {
            return false;
        }
        paymentMethod = method;
        chargeId = newChargeId;
        lastPaymentError = null;
        return true;
    }

    /** The card declined: back to requires_payment_method with the decline as last_payment_error. */
    synchronized boolean decline(String method, String code, String declineCode, String message) {
        if (!move(IntentStatus.Event.DECLINE)) {
            return false;
        }
        paymentMethod = null;
        lastPaymentError = JSON.createObjectNode().put("type", "card_error").put("code", code)
                .put("decline_code", declineCode).put("message", message).put("payment_method", method);
        return true;
    }

    /** Captures {@code amountToCapture} (at most the authorized amount); the rest of the authorization is released. */
    synchronized boolean capture(long amountToCapture) {
        if (amountToCapture < 1 || amountToCapture > amount || !move(IntentStatus.Event.CAPTURE)) {
            return false;
        }
        amountReceived = amountToCapture;
        return true;
    }

    synchronized boolean cancel(String reason) {
        if (!move(IntentStatus.Event.CANCEL)) {
            return false;
        }
        canceledAt = Instant.now().getEpochSecond();
        cancellationReason = reason;
        return true;
    }

    /**
     * A canceled intent paid after all, as if the customer's payment had won the race with the cancel: succeeded, the
     * whole amount captured under a new charge.
     */
    synchronized boolean paidBeforeCancel(String newChargeId) {
        if (!move(IntentStatus.Event.PAID_BEFORE_CANCEL)) {
            return false;
        }
        paymentMethod = paymentMethod == null ? "pm_card_visa" : paymentMethod;
        chargeId = newChargeId;
        amountReceived = amount;
        lastPaymentError = null;
        canceledAt = null;
        cancellationReason = null;
        return true;
    }

    /** Refunds {@code refund} of what was captured; false when the intent is not captured or too little is left. */
    synchronized boolean refund(long refund) {
        if (status != IntentStatus.SUCCEEDED || refund < 1 || refund > amountReceived - amountRefunded) {
            return false;
        }
        amountRefunded += refund;
        return true;
    }

    private boolean move(IntentStatus.Event event) {
        IntentStatus next = status.on(event);
        if (next == null) {
            return false;
        }
        status = next;
        return true;
    }

    /** The PaymentIntent object as the API and webhooks show it. */
    synchronized ObjectNode json() {
        ObjectNode pi = JSON.createObjectNode()
                .put("id", id)
                .put("object", "payment_intent")
                .put("amount", amount)
                .put("amount_capturable", status == IntentStatus.REQUIRES_CAPTURE ? amount : 0)
                .put("amount_received", amountReceived)
                .put("capture_method", "manual")
                .put("client_secret", clientSecret)
                .put("confirmation_method", "automatic")
                .put("created", created)
                .put("currency", currency)
                .put("description", description)
                .put("latest_charge", chargeId)
                .put("livemode", false)
                .put("payment_method", paymentMethod)
                .put("status", status.wire())
                .put("canceled_at", canceledAt)
                .put("cancellation_reason", cancellationReason);
        pi.set("last_payment_error", lastPaymentError == null ? null : lastPaymentError.deepCopy());
        pi.putArray("payment_method_types").add("card");
        ObjectNode meta = pi.putObject("metadata");
        metadata.forEach(meta::put);
        return pi;
    }

    synchronized String lastEvent() {
        return lastEvent;
    }

    synchronized void lastEvent(String event) {
        lastEvent = event;
    }

    synchronized void webhookSent(boolean acknowledged) {
        webhooksSent++;
        if (acknowledged) {
            webhooksAcknowledged++;
        }
    }

    synchronized int webhooksSent() {
        return webhooksSent;
    }

    synchronized int webhooksAcknowledged() {
        return webhooksAcknowledged;
    }
}
