package dev.paysaga.e2e.fuzz;

import static org.awaitility.Awaitility.await;

import dev.paysaga.e2e.Callers;
import dev.paysaga.e2e.Orders;
import dev.paysaga.e2e.Payments;
import dev.paysaga.e2e.Suite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The real objects the fuzzer aims at, made once through the API for merchant {@value Callers#MERCHANT}: a
 * bad body or query reaches the code that would act on an object that exists, not just a 404. Their
 * observable state is the {@link #fingerprint()} compared around a batch of refused requests.
 */
final class Targets {
    final String customer = Payments.customer();
    final String sku = Orders.stockedSku(50);
    final String order;
    final String payment;
    final String saga;
    final String wallet;
    final String webhookEndpoint;
    final String apiKey;
    final String run;

    Targets() {
        Payments.topUp(customer, 100_000);
        JsonPath paid = Payments.paidOrder(customer, Duration.ofSeconds(60));
        payment = paid.getString("id");
        saga = paid.getString("saga_id");
        order = Payments.order(customer, sku, 1);
        wallet = Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("owner_id", Payments.customer(),
                "type", "customer_wallet", "currency", "CNY", "merchant_id", Callers.MERCHANT))
                .post(Suite.GATEWAY + "/v1/accounts").then().statusCode(201).extract().path("id");
        webhookEndpoint = Callers.given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/fuzz-hooks",
                        "enabled_events", List.of("webhook_endpoint.disabled")))
                .post(Suite.GATEWAY + "/v1/webhook_endpoints").then().statusCode(201).extract().path("id");
        apiKey = Callers.asPlatform().contentType(ContentType.JSON)
                .body("{\"type\":\"restricted\",\"mode\":\"test\",\"scopes\":[\"orders:read\"]}")
                .post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys").then().statusCode(201)
                .extract().path("id");
        run = Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("channel", "alipay", "date", "2020-02-29"))
                .post(Suite.GATEWAY + "/v1/reconciliation/runs").then().statusCode(202).extract().path("id");
    }

    /** The value of a path parameter that names one of the targets (or a well-formed id nothing has). */
    String pathValue(String path, String name) {
        return switch (name) {
            case "sku" -> sku;
            case "customer_id" -> customer;
            case "merchant_id" -> Callers.MERCHANT;
            case "key_id" -> apiKey;
            case "payment_id" -> payment;
            case "channel" -> "alipay";
            case "version" -> "1";
            default -> idIn(path);
        };
    }

    private String idIn(String path) {
        if (path.startsWith("/v1/orders/")) {
            return order;
        }
        if (path.startsWith("/v1/payments/")) {
            return payment;
        }
        if (path.startsWith("/v1/sagas/")) {
            return saga;
        }
        if (path.startsWith("/v1/accounts/")) {
            return wallet;
        }
        if (path.startsWith("/v1/webhook_endpoints/")) {
            return webhookEndpoint;
        }
        if (path.startsWith("/v1/merchants/")) {
            return Callers.MERCHANT;
        }
        if (path.startsWith("/v1/reconciliation/runs/")) {
            return run;
        }
        return path.split("/")[2].substring(0, 3) + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** What a valid value of a body field or query parameter named {@code name} would be. */
    Object valueFor(String name) {
        return switch (name) {
            case "customer_id", "owner_id" -> customer;
            case "merchant_id" -> Callers.MERCHANT;
            case "sku" -> sku;
            case "currency" -> "CNY";
            case "payment_id" -> payment;
            case "run_id" -> run;
            case "debit_account_id", "credit_account_id" -> wallet;
            case "url" -> "http://127.0.0.1:9/fuzz-hooks";
            case "date" -> "2020-02-29";
            case "since" -> "2026-01-01T00:00:00Z";
            default -> null;
        };
    }

    /**
     * What the API shows about the targets — each object, the events about them, the merchant's keys, the risk
     * rules —, once it stops moving (a saga's last events can still be on their way when the fixture returns).
     * Only the targets: other tests' late work (sagas, deliveries) cannot move it.
     */
    Map<String, String> fingerprint() {
        Map<String, String>[] last = new Map[] {null};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, String> now = snapshot();
            boolean stable = Objects.equals(now, last[0]);
            last[0] = now;
            return stable;
        });
        return last[0];
    }

    private Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        String m = Callers.MERCHANT;
        for (String path : List.of("/v1/orders/" + order, "/v1/payments/" + payment, "/v1/sagas/" + saga,
                "/v1/inventory/" + sku, "/v1/wallets/" + customer + "?currency=CNY", "/v1/webhook_endpoints/" + webhookEndpoint,
                "/v1/events?limit=100&subject=" + order, "/v1/events?limit=100&subject=" + payment)) {
            state.put(path, Callers.given().get(Suite.GATEWAY + path).then().extract().asString());
        }
        for (String path : List.of("/v1/accounts/" + wallet, "/v1/accounts/" + wallet + "/entries?limit=100",
                "/v1/merchants/" + m, "/v1/merchants/" + m + "/api_keys", "/v1/risk/rules", "/v1/risk/decisions/" + payment,
                "/v1/reconciliation/runs/" + run)) {
            state.put(path, Callers.asPlatform().get(Suite.GATEWAY + path).then().extract().asString());
        }
        return state;
    }
}
