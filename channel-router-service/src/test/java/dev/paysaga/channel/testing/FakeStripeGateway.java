package dev.paysaga.channel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays Stripe's API for the tests, written from Stripe's documentation independently of the service's code (JDK
 * only): checks the Bearer secret key (401 otherwise), decodes form bodies, keeps the first answer per
 * Idempotency-Key and replays it, and makes webhooks signed as Stripe signs them ({@code t=…,v1=HMAC-SHA256}).
 * PaymentIntents are scripted per payment id (metadata[payment_id]), so tests side by side do not disturb each other.
 */
public final class FakeStripeGateway {
    public enum Mode {
        NORMAL, HTTP_500, NOT_JSON, DECLINE, INVALID
    }

    public record Call(String method, String path, String body, Map<String, String> form, String idempotencyKey,
            boolean authorized) {
    }

    /** A webhook as Stripe posts it: the Stripe-Signature header and the JSON body. */
    public record Delivery(Map<String, String> headers, String body) {
    }

    private static final class Intent {
        final String id = "pi_fake" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        final String paymentId;
        final long amount;
        final String currency;
        volatile String status = "requires_payment_method";
        volatile boolean declined;
        volatile long received;

        Intent(String paymentId, long amount, String currency) {
            this.paymentId = paymentId;
            this.amount = amount;
            this.currency = currency;
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final String secretKey;
    private final String webhookSecret;
    private final Map<String, Intent> byPayment = new ConcurrentHashMap<>();
    private final Map<String, Intent> byId = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, Answer> kept = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeStripeGateway(String secretKey, String webhookSecret) throws IOException {
        this.secretKey = secretKey;
        this.webhookSecret = webhookSecret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    // --- Scripting ---

    public void mode(String paymentId, Mode mode) {
        modes.put(paymentId, mode);
    }

    /** The customer confirms and the card authorizes: requires_capture. */
    public void authorize(String paymentId) {
        byPayment.get(paymentId).status = "requires_capture";
    }

    /** The customer's card declines: back to requires_payment_method with a last_payment_error. */
    public void decline(String paymentId) {
        Intent intent = byPayment.get(paymentId);
        intent.declined = true;
    }

    public String intentId(String paymentId) {
        return byPayment.get(paymentId).id;
    }

    public String status(String paymentId) {
        return byPayment.get(paymentId).status;
    }

    public List<Call> calls(String paymentId) {
        Intent intent = byPayment.get(paymentId);
        return calls.stream().filter(c -> c.body().contains(paymentId) || (intent != null
                && (c.path().contains(intent.id) || c.body().contains(intent.id)))).toList();
    }

    // --- Webhooks Stripe would send ---

    /** An event of {@code type} about the payment's intent, its status and amount as given, signed now. */
    public Delivery event(String paymentId, String type, String status, long amount) {
        return signed(eventBody("evt_" + UUID.randomUUID().toString().replace("-", ""), type,
                intentJson(byPayment.get(paymentId), paymentId, status, amount)), webhookSecret, Instant.now().getEpochSecond());
    }

    public String eventBody(String eventId, String type, String object) {
        return "{\n  \"id\": \"" + eventId + "\",\n  \"object\": \"event\",\n  \"api_version\": \"2024-06-20\",\n"
                + "  \"created\": " + Instant.now().getEpochSecond() + ",\n  \"data\": {\n    \"object\": " + object
                + "\n  },\n  \"livemode\": false,\n  \"pending_webhooks\": 1,\n  \"type\": \"" + type + "\"\n}";
    }

    /** {@code body} signed with {@code secret} at {@code timestamp}: {@code Stripe-Signature: t=…,v1=…}. */
    public static Delivery signed(String body, String secret, long timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Stripe-Signature", "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body));
        return new Delivery(headers, body);
    }

    /** The same event signed afresh, as Stripe's own retry of it looks. */
    public Delivery resend(Delivery delivery) {
        return signed(delivery.body(), webhookSecret, Instant.now().getEpochSecond() + 1);
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String intentJson(Intent intent, String paymentId, String status, long amount) {
        String id = intent == null ? "pi_fakeunknown0000000000" : intent.id;
        String currency = intent == null ? "usd" : intent.currency;
        boolean declined = intent != null && intent.declined && status.equals("requires_payment_method");
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":" + amount + ",\"amount_capturable\":"
                + (status.equals("requires_capture") ? amount : 0) + ",\"amount_received\":"
                + (intent == null ? 0 : intent.received) + ",\"capture_method\":\"manual\",\"client_secret\":\"" + id
                + "_secret_fake\",\"currency\":\"" + currency + "\",\"last_payment_error\":"
                + (declined ? "{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"generic_decline\"}" : "null")
                + ",\"livemode\":false,\"metadata\":{\"payment_id\":\"" + paymentId + "\",\"merchant_id\":\"mer_demo\"},"
                + "\"status\":\"" + status + "\"}";
    }

    private static String intentJson(Intent intent) {
        return intentJson(intent, intent.paymentId, intent.status, intent.amount);
    }

    // --- The API ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = decode(body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            boolean authorized = ("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(new Call(method, path, body, form, key, authorized));
            Intent target = target(path, form);
            String paymentId = target != null ? target.paymentId : form.get("metadata[payment_id]");
            Mode mode = paymentId == null ? Mode.NORMAL : modes.getOrDefault(paymentId, Mode.NORMAL);
            if (!authorized) {
                reply(exchange, new Answer(401, error("invalid_request_error", null, "Invalid API Key provided")));
                return;
            }
            if (mode == Mode.HTTP_500) {
                reply(exchange, new Answer(500, error("api_error", null, "Something went wrong")));
                return;
            }
            if (mode == Mode.NOT_JSON) {
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                byte[] html = "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, html.length);
                exchange.getResponseBody().write(html);
                return;
            }
            if (method.equals("POST") && key != null && kept.containsKey(method + path + key)) {
                reply(exchange, kept.get(method + path + key));
                return;
            }
            Answer answer = answer(method, path, form, target, mode);
            if (method.equals("POST") && key != null) {
                kept.put(method + path + key, answer);
            }
            reply(exchange, answer);
        }
    }

    private Intent target(String path, Map<String, String> form) {
        String[] parts = path.split("/");
        if (parts.length >= 4 && parts[2].equals("payment_intents")) {
            return byId.get(parts[3]);
        }
        return form.containsKey("payment_intent") ? byId.get(form.get("payment_intent")) : null;
    }

    private Answer answer(String method, String path, Map<String, String> form, Intent intent, Mode mode) {
        if (method.equals("POST") && path.equals("/v1/payment_intents")) {
            if (mode == Mode.DECLINE) {
                return new Answer(402, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                        + "\"decline_code\":\"generic_decline\",\"message\":\"Your card was declined.\"}}");
            }
            if (mode == Mode.INVALID) {
                return new Answer(400, error("invalid_request_error", "parameter_invalid", "Invalid currency"));
            }
            Intent created = new Intent(form.get("metadata[payment_id]"), Long.parseLong(form.get("amount")),
                    form.get("currency"));
            byPayment.put(created.paymentId, created);
            byId.put(created.id, created);
            return new Answer(200, intentJson(created));
        }
        if (intent == null) {
            return new Answer(404, error("invalid_request_error", "resource_missing", "No such payment_intent"));
        }
        if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
            return new Answer(200, intentJson(intent));
        }
        if (path.endsWith("/cancel")) {
            if (intent.status.equals("succeeded") || intent.status.equals("canceled")) {
                return unexpected(intent);
            }
            intent.status = "canceled";
            return new Answer(200, intentJson(intent));
        }
        if (path.endsWith("/capture")) {
            if (!intent.status.equals("requires_capture")) {
                return unexpected(intent);
            }
            intent.status = "succeeded";
            intent.received = Long.parseLong(form.getOrDefault("amount_to_capture", Long.toString(intent.amount)));
            return new Answer(200, intentJson(intent));
        }
        if (path.equals("/v1/refunds")) {
            long amount = Long.parseLong(form.get("amount"));
            if (!intent.status.equals("succeeded") || amount > intent.received) {
                return new Answer(400, error("invalid_request_error", "amount_too_large", "Refund amount is too large"));
            }
            return new Answer(200, "{\"id\":\"re_fake" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                    + "\",\"object\":\"refund\",\"amount\":" + amount + ",\"currency\":\"" + intent.currency
                    + "\",\"payment_intent\":\"" + intent.id + "\",\"status\":\"succeeded\"}");
        }
        return new Answer(404, error("invalid_request_error", "resource_missing", "Unrecognized request URL"));
    }

    private static Answer unexpected(Intent intent) {
        return new Answer(400, error("invalid_request_error", "payment_intent_unexpected_state",
                "This PaymentIntent's status is " + intent.status));
    }

    private static String error(String type, String code, String message) {
        return "{\"error\":{\"type\":\"" + type + "\"" + (code == null ? "" : ",\"code\":\"" + code + "\"")
                + ",\"message\":\"" + message + "\"}}";
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
