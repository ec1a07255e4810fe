package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.sandbox.admin.Behaviours;
import dev.paysaga.sandbox.admin.ChannelBehaviour;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Stripe's API for PaymentIntents with manual capture and Refunds, on form parameters already decoded.
 *
 * <p>Authentication first: the secret key as a Bearer token or as the Basic user name; anything else is 401
 * {@code invalid_request_error} and nothing changes. Then failure_rate answers 500 {@code api_error}, also
 * without any change and before the idempotency layer (the endpoint never ran, so there is nothing to replay).
 */
@ApplicationScoped
public class StripeApi {
    static final String CHANNEL = "stripe";
    private static final Pattern METADATA = Pattern.compile("metadata\\[([^\\[\\]]{1,40})\\]");
    private static final int MAX_METADATA = 50;
    /** Stripe's test PaymentMethods: the cards that authorize, and the declines with their decline_code. */
    private static final Map<String, String> DECLINING = Map.of(
            "pm_card_chargeDeclined", "generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds");
    private static final java.util.Set<String> AUTHORIZING = java.util.Set.of("pm_card_visa", "pm_card_mastercard");

    static final ObjectMapper JSON = new ObjectMapper();
    private final StripeKeys keys;
    private final StripeObjects objects;
    private final StripeIds ids;
    private final StripeWebhooks webhooks;
    private final StripeStatements statements;
    private final Behaviours behaviours;
    private final CustomerSimulator customers;

    public StripeApi(StripeKeys keys, StripeObjects objects, StripeIds ids, StripeWebhooks webhooks,
            StripeStatements statements, Behaviours behaviours, CustomerSimulator customers) {
        this.statements = statements;
        this.keys = keys;
        this.objects = objects;
        this.ids = ids;
        this.webhooks = webhooks;
        this.behaviours = behaviours;
        this.customers = customers;
    }

    /** The refusal of a request without the account's secret key, or empty when it has it. */
    Optional<StripeReply> authenticate(String authorization) {
        String key = presentedKey(authorization);
        if (key == null) {
            return Optional.of(StripeReply.error(401, "invalid_request_error", null,
                    "No API key provided: send the secret key as 'Authorization: Bearer sk_…'", null));
        }
        if (!keys.isSecretKey(key)) {
            return Optional.of(StripeReply.error(401, "invalid_request_error", null,
                    "Invalid API Key provided: " + masked(key), null));
        }
        if (ThreadLocalRandom.current().nextDouble() < behaviours.of(CHANNEL).failureRate()) {
            return Optional.of(StripeReply.error(500, "api_error", null, "An unexpected error occurred (sandbox failure_rate)", null));
        }
        return Optional.empty();
    }

    /** Bearer token, or the user name of Basic auth (the password is empty), as Stripe accepts both. */
    static String presentedKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.startsWith("Bearer ")) {
            String key = authorization.substring("Bearer ".length()).strip();
            return key.isEmpty() ? null : key;
        }
        if (authorization.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String key = colon < 0 ? decoded : decoded.substring(0, colon);
                return key.isEmpty() ? null : key;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Like Stripe's message: only the kind and the last four characters of a wrong key are shown. */
    private static String masked(String key) {
        int underscore = key.lastIndexOf('_');
        String kind = underscore > 0 && underscore < 12 ? key.substring(0, underscore + 1) : "";
        return kind + "*".repeat(8) + (key.length() > 4 ? key.substring(key.length() - 4) : "");
    }

    // --- PaymentIntents ---

    StripeReply createIntent(Map<String, String> params) {
        Long amount = integer(params.get("amount"));
        String currency = params.get("currency");
        if (amount == null) {
            return invalid("amount", "Missing or invalid integer amount");
        }
        if (currency == null || !Currencies.SUPPORTED.contains(currency)) {
            return invalid("currency", "Invalid currency: " + currency + " (lower-case ISO code, one of " + Currencies.SUPPORTED + ")");
        }
        String refusal = Currencies.amountRefusal(amount, currency);
        if (refusal != null) {
            return invalid("amount", refusal);
        }
        if (!"manual".equals(params.getOrDefault("capture_method", "automatic"))) {
            return invalid("capture_method", "The sandbox plays capture_method=manual only");
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            var m = METADATA.matcher(param.getKey());
            if (m.matches()) {
                metadata.put(m.group(1), param.getValue());
            }
        }
        if (metadata.size() > MAX_METADATA) {
            return invalid("metadata", "At most " + MAX_METADATA + " metadata keys");
        }
        String method = params.get("payment_method");
        if (method != null && !knownMethod(method)) {
            return StripeReply.error(400, "invalid_request_error", "resource_missing", "No such PaymentMethod: '" + method + "'",
                    "payment_method");
        }
        boolean confirm = "true".equals(params.get("confirm"));
        if (confirm && method == null) {
            return invalid("payment_method", "confirm=true needs a payment_method");
        }
        if (objects.full()) {
            return StripeReply.error(500, "api_error", null, "the sandbox holds its maximum of objects", null);
        }
        String id = ids.next("pi");
        PaymentIntent intent = new PaymentIntent(id, ids.clientSecret(id), amount, currency, params.get("description"),
                metadata, method);
        objects.add(intent);
        if (confirm) {
            return confirmWith(intent, method);
        }
        // The answer is about the intent as created: the customer may act at once, on another thread.
        StripeReply created = StripeReply.ok(intent.json());
        if (method == null) {
            // No payment method yet: the client secret goes to the customer, who confirms in the browser (simulated).
            customers.onNewOrder(new StripeCustomerIntent(intent, this), behaviours.of(CHANNEL));
        }
        return created;
    }

    StripeReply retrieve(String id) {
        return objects.intent(id).map(intent -> StripeReply.ok(intent.json()))
                .orElseGet(() -> StripeReply.noSuch("payment_intent", id));
    }

    StripeReply confirm(String id, Map<String, String> params) {
        Optional<PaymentIntent> found = objects.intent(id);
        if (found.isEmpty()) {
            return StripeReply.noSuch("payment_intent", id);
        }
        PaymentIntent intent = found.get();
        String method = params.getOrDefault("payment_method", intent.paymentMethod());
        if (method == null || !knownMethod(method)) {
            return StripeReply.error(400, "invalid_request_error", "resource_missing", "No such PaymentMethod: '" + method + "'",
                    "payment_method");
        }
        return confirmWith(intent, method);
    }

    private StripeReply confirmWith(PaymentIntent intent, String method) {
        String declineCode = DECLINING.get(method);
        boolean withhold = behaviours.of(CHANNEL).neverNotify();
        if (declineCode != null) {
            if (!intent.decline(method, "card_declined", declineCode, "Your card was declined.")) {
                return StripeReply.unexpectedState(intent, "confirm");
            }
            webhooks.emit(intent, "payment_intent.payment_failed", intent.json(), withhold);
            return StripeReply.cardError("card_declined", declineCode, "Your card was declined.", intent.json());
        }
        if (!intent.authorize(method, ids.next("ch"))) {
            return StripeReply.unexpectedState(intent, "confirm");
        }
        webhooks.emit(intent, "payment_intent.amount_capturable_updated", intent.json(), withhold);
        return StripeReply.ok(intent.json());
    }

    /** The simulated customer confirming with the client secret: pays with a card that authorizes, or one that declines. */
    boolean customerConfirms(PaymentIntent intent, boolean declines) {
        return declines ? intent.decline("pm_card_chargeDeclined", "card_declined", "generic_decline", "Your card was declined.")
                : intent.authorize("pm_card_visa", ids.next("ch"));
    }

    /** Paid-after-close: the canceled intent succeeded after all; its charge moves money into the balance. */
    boolean customerPaidBeforeCancel(PaymentIntent intent) {
        if (!intent.paidBeforeCancel(ids.next("ch"))) {
            return false;
        }
        booked(intent);
        return true;
    }

    void announce(PaymentIntent intent, boolean withhold) {
        String type = switch (intent.status()) {
            case REQUIRES_CAPTURE -> "payment_intent.amount_capturable_updated";
            case SUCCEEDED -> "payment_intent.succeeded";
            default -> "payment_intent.payment_failed";
        };
        webhooks.emit(intent, type, intent.json(), withhold);
    }

    StripeReply capture(String id, Map<String, String> params) {
        Optional<PaymentIntent> found = objects.intent(id);
        if (found.isEmpty()) {
            return StripeReply.noSuch("payment_intent", id);
        }
        PaymentIntent intent = found.get();
        Long amount = params.containsKey("amount_to_capture") ? integer(params.get("amount_to_capture")) : Long.valueOf(intent.amount);
        if (amount == null || amount < 1 || amount > intent.amount) {
            return invalid("amount_to_capture", "amount_to_capture must be a positive integer no larger than the amount capturable");
        }
        if (!intent.capture(amount)) {
            return StripeReply.unexpectedState(intent, "capture");
        }
        booked(intent);
        webhooks.emit(intent, "payment_intent.succeeded", intent.json(), behaviours.of(CHANNEL).neverNotify());
        return StripeReply.ok(intent.json());
    }

    StripeReply cancel(String id, Map<String, String> params) {
        Optional<PaymentIntent> found = objects.intent(id);
        if (found.isEmpty()) {
            return StripeReply.noSuch("payment_intent", id);
        }
        PaymentIntent intent = found.get();
        if (!intent.cancel(params.get("cancellation_reason"))) {
            return StripeReply.unexpectedState(intent, "cancel");
        }
        webhooks.emit(intent, "payment_intent.canceled", intent.json(), behaviours.of(CHANNEL).neverNotify());
        return StripeReply.ok(intent.json());
    }

    // --- Refunds ---

    StripeReply createRefund(Map<String, String> params) {
        String intentId = params.get("payment_intent");
        if (intentId == null) {
            return invalid("payment_intent", "payment_intent is required");
        }
        Optional<PaymentIntent> found = objects.intent(intentId);
        if (found.isEmpty()) {
            return StripeReply.error(400, "invalid_request_error", "resource_missing",
                    "No such payment_intent: '" + intentId + "'", "payment_intent");
        }
        PaymentIntent intent = found.get();
        if (intent.status() != IntentStatus.SUCCEEDED) {
            return StripeReply.error(400, "invalid_request_error", "charge_not_captured",
                    "This PaymentIntent has no captured charge to refund (status " + intent.status().wire() + ")", "payment_intent");
        }
        long remaining = intent.amountReceived() - intent.amountRefunded();
        Long amount = params.containsKey("amount") ? integer(params.get("amount")) : Long.valueOf(remaining);
        if (amount == null || amount < 1) {
            return invalid("amount", "amount must be a positive integer");
        }
        if (amount > remaining || objects.full() || !intent.refund(amount)) {
            return StripeReply.error(400, "invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than what is left to refund (" + remaining + ")", "amount");
        }
        String refundId = ids.next("re");
        ObjectNode txn = balanceTransaction("refund", -amount, 0, intent.currency, refundId);
        ObjectNode refund = JSON.createObjectNode()
                .put("id", refundId)
                .put("object", "refund")
                .put("amount", amount)
                .put("balance_transaction", txn.get("id").asText())
                .put("charge", intent.chargeId())
                .put("created", Instant.now().getEpochSecond())
                .put("currency", intent.currency)
                .put("payment_intent", intent.id)
                .put("reason", params.get("reason"))
                .put("status", "succeeded");
        ObjectNode meta = refund.putObject("metadata");
        params.forEach((k, v) -> {
            var m = METADATA.matcher(k);
            if (m.matches()) {
                meta.put(m.group(1), v);
            }
        });
        objects.addRefund(refund);
        objects.addBalanceTransaction(txn);
        webhooks.emit(intent, "charge.refunded", charge(intent), behaviours.of(CHANNEL).neverNotify());
        return StripeReply.ok(refund);
    }

    StripeReply retrieveRefund(String id) {
        return objects.refund(id).map(StripeReply::ok).orElseGet(() -> StripeReply.noSuch("refund", id));
    }

    /**
     * The captured charge as Stripe shows it. It carries the PaymentIntent's metadata as the intent had it when the
     * charge was made (the adapter does not rely on it: it names payments by payment_intent).
     */
    private ObjectNode charge(PaymentIntent intent) {
        return charge(intent.chargeId(), intent.amount, intent.amountReceived(), intent.amountRefunded(),
                objects.transactionOf(intent.chargeId()), intent.created, intent.currency, intent.id, intent.metadata);
    }

    /** A captured charge of an intent (also a made-up one of a scripted statement). */
    static ObjectNode charge(String id, long amount, long captured, long refunded, String transaction, long created,
            String currency, String intentId, Map<String, String> metadata) {
        ObjectNode charge = JSON.createObjectNode()
                .put("id", id)
                .put("object", "charge")
                .put("amount", amount)
                .put("amount_captured", captured)
                .put("amount_refunded", refunded)
                .put("balance_transaction", transaction)
                .put("captured", true)
                .put("created", created)
                .put("currency", currency)
                .put("payment_intent", intentId)
                .put("refunded", refunded == captured)
                .put("status", "succeeded");
        ObjectNode meta = charge.putObject("metadata");
        metadata.forEach(meta::put);
        return charge;
    }

    // --- Balance transactions ---

    /** The captured charge moves money into the balance: one balance transaction, with the sandbox's fee. */
    private void booked(PaymentIntent intent) {
        long amount = intent.amountReceived();
        objects.charged(intent.chargeId(), intent);
        objects.addBalanceTransaction(balanceTransaction("charge", amount, fee(amount), intent.currency, intent.chargeId()));
    }

    /** The sandbox's fee on a charge: 2.9 % of it, rounded down (no fixed part; refunds cost nothing). */
    static long fee(long amount) {
        return amount * 29 / 1000;
    }

    private ObjectNode balanceTransaction(String type, long amount, long fee, String currency, String sourceId) {
        return balanceTransaction(ids.next("txn"), type, amount, fee, currency, sourceId, Instant.now().getEpochSecond());
    }

    /** A balance transaction of {@code type} (charge, refund) moving {@code amount} (negative for a refund). */
    static ObjectNode balanceTransaction(String id, String type, long amount, long fee, String currency, String sourceId,
            long created) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("object", "balance_transaction")
                .put("amount", amount)
                .put("available_on", created + 2 * 86_400)
                .put("created", created)
                .put("currency", currency)
                .putNull("description")
                .putNull("exchange_rate")
                .put("fee", fee)
                .put("net", amount - fee)
                .put("reporting_category", type)
                .put("source", sourceId)
                .put("status", "pending")
                .put("type", type);
    }

    /**
     * {@code GET /v1/balance_transactions}: newest first; {@code created} (exact, or {@code [gte] [gt] [lte] [lt]}),
     * {@code type}, {@code limit} (1–100, default 10), {@code starting_after}, {@code expand[]=data.source} (the charge
     * or refund in place of its id). Any other parameter is 400, as Stripe refuses parameters it does not know.
     */
    StripeReply listBalanceTransactions(Map<String, List<String>> query) {
        StripeReply refused = StripeLists.unknownParameter(query, java.util.Set.of("created", "created[gte]", "created[gt]",
                "created[lte]", "created[lt]", "type", "limit", "starting_after", "expand[]"));
        if (refused != null) {
            return refused;
        }
        boolean expandSource = false;
        for (String expand : query.getOrDefault("expand[]", List.of())) {
            if (!"data.source".equals(expand)) {
                return invalid("expand", "This property cannot be expanded (" + expand + ").");
            }
            expandSource = true;
        }
        StripeLists.Created created;
        try {
            created = StripeLists.Created.of(query);
        } catch (IllegalArgumentException e) {
            return invalid("created", e.getMessage());
        }
        String type = StripeLists.single(query, "type");
        List<ObjectNode> matching = statements.scripted(objects.balanceTransactions()).stream()
                .filter(txn -> created.test(txn.get("created").asLong()))
                .filter(txn -> type == null || type.equals(txn.get("type").asText()))
                .toList();
        boolean expand = expandSource;
        return StripeLists.page("/v1/balance_transactions", "balance_transaction", matching, query,
                txn -> expand ? expanded(txn) : StripeStatements.unexpanded(txn));
    }

    private ObjectNode expanded(ObjectNode txn) {
        ObjectNode copy = txn.deepCopy();
        if (txn.get("source").isObject()) {
            return copy; // made up by a statement script, with its source in place
        }
        String source = txn.get("source").asText();
        objects.intentOfCharge(source).map(this::charge)
                .or(() -> objects.refund(source).map(ObjectNode::deepCopy))
                .ifPresent(object -> copy.set("source", object));
        return copy;
    }

    /** {@code GET /v1/refunds}: newest first; {@code payment_intent} (an intent the account has), {@code limit}, {@code starting_after}. */
    StripeReply listRefunds(Map<String, List<String>> query) {
        StripeReply refused = StripeLists.unknownParameter(query, java.util.Set.of("payment_intent", "limit", "starting_after"));
        if (refused != null) {
            return refused;
        }
        String intentId = StripeLists.single(query, "payment_intent");
        if (intentId != null && objects.intent(intentId).isEmpty()) {
            return StripeReply.error(400, "invalid_request_error", "resource_missing",
                    "No such payment_intent: '" + intentId + "'", "payment_intent");
        }
        List<ObjectNode> matching = objects.refunds().stream()
                .filter(refund -> intentId == null || intentId.equals(refund.get("payment_intent").asText()))
                .toList();
        return StripeLists.page("/v1/refunds", "refund", matching, query, ObjectNode::deepCopy);
    }

    private static boolean knownMethod(String method) {
        return AUTHORIZING.contains(method) || DECLINING.containsKey(method);
    }

    private static StripeReply invalid(String param, String message) {
        return StripeReply.error(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    private static Long integer(String value) {
        if (value == null || !value.matches("-?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }

    ChannelBehaviour behaviour() {
        return behaviours.of(CHANNEL);
    }
}
