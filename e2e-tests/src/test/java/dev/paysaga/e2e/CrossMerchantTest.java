package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.runtime.testing.SseClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Merchant A's key against merchant B's objects, through the gateway, for every operation of the
 * public API: another merchant's object is 404 exactly as an unknown id, a platform operation is 403,
 * a list shows only A's own — and afterwards every object of B reads exactly as before.
 */
class CrossMerchantTest {
    private static final String B = "mer_e2e_b";
    private static String keyB;
    private static Objects objects;

    /** B's objects, made through the API with B's key. */
    record Objects(String sku, String pendingOrder, String paidOrder, String payment, String saga, String refund,
            String event, String customer, String settlement, String keyId, String webhookEndpoint) {
    }

    /** What A does with one operation, and the status it must get. */
    record Attempt(Map<String, String> path, Map<String, Object> query, Object body, int status) {
        static Attempt on(Map<String, String> path, int status) {
            return new Attempt(path, Map.of(), null, status);
        }
    }

    @BeforeAll
    static void objectsOfB() {
        Suite.ensureRunning();
        keyB = Callers.newSecretKey(B);
        String sku = "sku_" + UUID.randomUUID().toString().substring(0, 12);
        asB().contentType(ContentType.JSON).body("{\"on_hand\":10}").put(Suite.GATEWAY + "/v1/inventory/" + sku)
                .then().statusCode(200);
        String customer = Payments.customer();
        Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("amount", 50_000, "currency", "CNY",
                "merchant_id", B, "reason", "cross-merchant test")).post(Suite.GATEWAY + "/v1/wallets/" + customer + "/top_ups")
                .then().statusCode(201);
        String pending = orderOfB(customer, sku);
        String paid = orderOfB(customer, sku);
        var started = asB().contentType(ContentType.JSON).body("{\"method\":\"wallet\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + paid + "/pay").then().statusCode(202).extract().jsonPath();
        String payment = started.getString("payment_id");
        String saga = started.getString("saga_id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(asB().get(Suite.GATEWAY + "/v1/sagas/" + saga)
                .then().extract().path("status")));
        String refund = asB().contentType(ContentType.JSON).body("{\"amount\":100,\"reason\":\"requested_by_customer\"}")
                .post(Suite.GATEWAY + "/v1/payments/" + payment + "/refunds").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(asB().get(Suite.GATEWAY + "/v1/refunds/" + refund)
                .then().extract().path("status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !asB().queryParam("subject", pending)
                .get(Suite.GATEWAY + "/v1/events").then().extract().jsonPath().getList("data").isEmpty());
        String event = asB().queryParam("subject", pending).get(Suite.GATEWAY + "/v1/events").then().extract().path("data[0].id");
        String settlement = Callers.asPlatform().contentType(ContentType.JSON)
                .body(Map.of("owner_id", B, "type", "merchant_settlement", "currency", "CNY"))
                .post(Suite.GATEWAY + "/v1/accounts").then().extract().path("id");
        String keyId = Callers.asPlatform().get(Suite.GATEWAY + "/v1/merchants/" + B + "/api_keys").then().statusCode(200)
                .extract().path("data[0].id");
        // Subscribed to its own disabling only: nothing of this test is delivered to it.
        String endpoint = asB().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/b-hooks", "enabled_events", List.of("webhook_endpoint.disabled")))
                .post(Suite.GATEWAY + "/v1/webhook_endpoints").then().statusCode(201).extract().path("id");
        objects = new Objects(sku, pending, paid, payment, saga, refund, event, customer, settlement, keyId, endpoint);
    }

    @Test
    void merchantAGetsNothingOfMerchantBAndChangesNothing() {
        Map<String, String> before = snapshotOfB();
        Map<String, Attempt> table = table(objects);
        List<String> documented = PublicApi.operations().stream().filter(op -> !op.isPublic() && !isStream(op))
                .map(PublicApi.Operation::key).toList();
        assertEquals(Set.copyOf(documented), table.keySet(), "every operation of the public API has a row");

        assertAll(PublicApi.operations().stream().filter(op -> !op.isPublic() && !isStream(op)).map(op -> (Executable) () -> {
            Attempt attempt = table.get(op.key());
            RequestSpecification request = Callers.given().queryParams(attempt.query())
                    .header("Idempotency-Key", UUID.randomUUID().toString());
            if (attempt.body() != null) {
                request.contentType(ContentType.JSON).body(attempt.body());
            }
            Response response = request.request(op.method(), op.url(attempt.path(), "unused"));
            assertEquals(attempt.status(), response.statusCode(), op.key() + ": " + response.asString());
            if (attempt.status() >= 400) {
                response.then().contentType("application/problem+json")
                        .body("code", equalTo(attempt.status() == 404 ? "not_found" : "permission_denied"));
            }
        }));

        // A stream of A cannot resume from B's event (and never carries B's: notification-service's LiveStreamTest).
        try (SseClient stream = SseClient.open(Suite.GATEWAY + "/v1/events/stream", Map.of(
                "Authorization", "Bearer " + Callers.merchantKey(), "Last-Event-ID", objects.event()))) {
            assertEquals(400, stream.status());
        }

        // Lists show A's own objects only.
        Callers.given().queryParam("subject", objects.pendingOrder()).get(Suite.GATEWAY + "/v1/events").then()
                .statusCode(200).body("data.size()", equalTo(0));
        Callers.given().queryParam("limit", 100).get(Suite.GATEWAY + "/v1/events").then().statusCode(200)
                .body("data.merchant_id", everyItem(equalTo(Callers.MERCHANT)));
        Callers.given().queryParam("limit", 100).get(Suite.GATEWAY + "/v1/sagas").then().statusCode(200)
                .body("data.merchant_id", everyItem(equalTo(Callers.MERCHANT)));

        assertEquals(before, snapshotOfB(), "B's objects after A's attempts");
    }

    /** A live stream: it never ends, so it has no row; its rule is checked on its own. */
    private static boolean isStream(PublicApi.Operation op) {
        return op.key().equals("GET /v1/events/stream");
    }

    /** For each operation, A's attempt on B's objects and the status it must get. */
    private static Map<String, Attempt> table(Objects b) {
        Map<String, Attempt> t = new LinkedHashMap<>();
        Map<String, Object> refund = Map.of("amount", 100, "reason", "requested_by_customer");
        // Another merchant's object: 404, as if it did not exist.
        t.put("GET /v1/inventory/{sku}", Attempt.on(Map.of("sku", b.sku()), 404));
        t.put("GET /v1/orders/{id}", Attempt.on(Map.of("id", b.pendingOrder()), 404));
        t.put("POST /v1/orders/{id}/cancel", Attempt.on(Map.of("id", b.pendingOrder()), 404));
        t.put("POST /v1/orders/{id}/pay", new Attempt(Map.of("id", b.pendingOrder()), Map.of(),
                Map.of("method", "wallet", "customer_id", b.customer()), 404));
        t.put("POST /v1/orders/{id}/ship", Attempt.on(Map.of("id", b.paidOrder()), 404));
        t.put("POST /v1/orders/{id}/complete", Attempt.on(Map.of("id", b.paidOrder()), 404));
        t.put("GET /v1/payments/{id}", Attempt.on(Map.of("id", b.payment()), 404));
        t.put("POST /v1/payments/{id}/refunds", new Attempt(Map.of("id", b.payment()), Map.of(), refund, 404));
        t.put("GET /v1/refunds/{id}", Attempt.on(Map.of("id", b.refund()), 404));
        t.put("GET /v1/sagas/{id}", Attempt.on(Map.of("id", b.saga()), 404));
        t.put("GET /v1/events/{id}", Attempt.on(Map.of("id", b.event()), 404));
        t.put("GET /v1/events/{id}/deliveries", Attempt.on(Map.of("id", b.event()), 404));
        t.put("POST /v1/events/{id}/resend", Attempt.on(Map.of("id", b.event()), 404));
        t.put("GET /v1/webhook_endpoints/{id}", Attempt.on(Map.of("id", b.webhookEndpoint()), 404));
        t.put("POST /v1/webhook_endpoints/{id}", new Attempt(Map.of("id", b.webhookEndpoint()), Map.of(),
                Map.of("status", "disabled"), 404));
        t.put("DELETE /v1/webhook_endpoints/{id}", Attempt.on(Map.of("id", b.webhookEndpoint()), 404));
        t.put("POST /v1/webhook_endpoints/{id}/rotate_secret", Attempt.on(Map.of("id", b.webhookEndpoint()), 404));
        t.put("POST /v1/webhook_endpoints/{id}/recover", new Attempt(Map.of("id", b.webhookEndpoint()), Map.of(),
                Map.of("since", java.time.Instant.now().minusSeconds(60).toString()), 404));
        t.put("GET /v1/wallets/{customer_id}", new Attempt(Map.of("customer_id", b.customer()),
                Map.of("currency", "CNY"), null, 404));
        t.put("GET /v1/accounts/{id}", Attempt.on(Map.of("id", b.settlement()), 404));
        t.put("GET /v1/accounts/{id}/entries", Attempt.on(Map.of("id", b.settlement()), 404));
        // Naming B: refused.
        t.put("PUT /v1/inventory/{sku}", new Attempt(Map.of("sku", b.sku()), Map.of("merchant_id", B),
                Map.of("on_hand", 0), 403));
        t.put("POST /v1/webhook_endpoints", new Attempt(Map.of(), Map.of(), Map.of("merchant_id", B,
                "url", "http://127.0.0.1:9/a-hooks", "enabled_events", List.of("*")), 403));
        t.put("POST /v1/orders", new Attempt(Map.of(), Map.of(), Map.of("merchant_id", B, "customer_id", b.customer(),
                "currency", "CNY", "lines", List.of(Map.of("sku", b.sku(), "quantity", 10, "unit_amount", 1))), 403));
        // Lists: A's own (checked below).
        t.put("GET /v1/sagas", new Attempt(Map.of(), Map.of("limit", 1), null, 200));
        t.put("GET /v1/events", new Attempt(Map.of(), Map.of("subject", b.pendingOrder()), null, 200));
        t.put("GET /v1/webhook_endpoints", new Attempt(Map.of(), Map.of("limit", 1), null, 200));
        // A merchant lists its own keys; another merchant's are not found.
        // Platform operations: 403 for any merchant key.
        t.put("POST /v1/wallets/{customer_id}/top_ups", new Attempt(Map.of("customer_id", b.customer()), Map.of(),
                Map.of("amount", 1, "currency", "CNY", "merchant_id", B, "reason", "x"), 403));
        t.put("POST /v1/accounts", new Attempt(Map.of(), Map.of(), Map.of("owner_id", B, "type", "merchant_settlement",
                "currency", "USD"), 403));
        t.put("POST /v1/accounts/{id}/close", Attempt.on(Map.of("id", b.settlement()), 403));
        t.put("POST /v1/transfers", new Attempt(Map.of(), Map.of(), Map.of("id", "tr_x", "type", "single",
                "debit_account_id", b.settlement(), "credit_account_id", b.settlement(), "amount", 1, "currency", "CNY",
                "code", "x"), 403));
        t.put("POST /v1/transfers/batch", new Attempt(Map.of(), Map.of(), Map.of("transfers", List.of()), 403));
        t.put("GET /v1/transfers/{id}", Attempt.on(Map.of("id", "tr_x"), 403));
        t.put("PUT /v1/risk/rules", new Attempt(Map.of(), Map.of(), Map.of("rules", List.of()), 403));
        t.put("GET /v1/risk/rules", Attempt.on(Map.of(), 403));
        t.put("GET /v1/risk/rules/versions/{version}", Attempt.on(Map.of("version", "1"), 403));
        t.put("GET /v1/risk/decisions/{payment_id}", Attempt.on(Map.of("payment_id", b.payment()), 403));
        t.put("GET /v1/risk/alerts", Attempt.on(Map.of(), 403));
        t.put("POST /v1/reconciliation/runs", new Attempt(Map.of(), Map.of(), Map.of("channel", "alipay",
                "date", "2026-12-01"), 403));
        t.put("GET /v1/reconciliation/runs/{id}", Attempt.on(Map.of("id", "rcr_x"), 403));
        t.put("GET /v1/reconciliation/runs/{id}/items", Attempt.on(Map.of("id", "rcr_x"), 403));
        t.put("GET /v1/reconciliation/runs/{id}/items.csv", Attempt.on(Map.of("id", "rcr_x"), 403));
        t.put("POST /v1/reconciliation/adjustments", new Attempt(Map.of(), Map.of(), Map.of("run_id", "rcr_x"), 403));
        t.put("GET /v1/reconciliation/adjustments/{id}", Attempt.on(Map.of("id", "adj_x"), 403));
        t.put("POST /v1/reconciliation/adjustments/{id}/approve", Attempt.on(Map.of("id", "adj_x"), 403));
        t.put("POST /v1/reconciliation/adjustments/{id}/reject", Attempt.on(Map.of("id", "adj_x"), 403));
        t.put("GET /v1/merchants", Attempt.on(Map.of(), 403));
        t.put("POST /v1/merchants", new Attempt(Map.of(), Map.of(), Map.of("id", B, "name", "x"), 403));
        t.put("GET /v1/merchants/{id}", Attempt.on(Map.of("id", B), 403));
        t.put("GET /v1/merchants/{merchant_id}/api_keys", Attempt.on(Map.of("merchant_id", B), 404));
        t.put("POST /v1/merchants/{merchant_id}/api_keys", new Attempt(Map.of("merchant_id", B), Map.of(),
                Map.of("type", "secret", "mode", "test"), 403));
        t.put("POST /v1/merchants/{merchant_id}/api_keys/{key_id}/roll",
                Attempt.on(Map.of("merchant_id", B, "key_id", b.keyId()), 403));
        t.put("POST /v1/merchants/{merchant_id}/api_keys/{key_id}/revoke",
                Attempt.on(Map.of("merchant_id", B, "key_id", b.keyId()), 403));
        return t;
    }

    /** Each of B's objects as B reads it. */
    private static Map<String, String> snapshotOfB() {
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("stock", "/v1/inventory/" + objects.sku());
        reads.put("pending order", "/v1/orders/" + objects.pendingOrder());
        reads.put("paid order", "/v1/orders/" + objects.paidOrder());
        reads.put("payment", "/v1/payments/" + objects.payment());
        reads.put("refund", "/v1/refunds/" + objects.refund());
        reads.put("saga", "/v1/sagas/" + objects.saga());
        reads.put("wallet", "/v1/wallets/" + objects.customer() + "?currency=CNY");
        reads.put("settlement", "/v1/accounts/" + objects.settlement());
        reads.put("events about the pending order", "/v1/events?subject=" + objects.pendingOrder());
        reads.put("webhook endpoint", "/v1/webhook_endpoints/" + objects.webhookEndpoint());
        return reads.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                read -> asB().get(Suite.GATEWAY + read.getValue()).then().statusCode(200).extract().asString(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private static String orderOfB(String customer, String sku) {
        return asB().contentType(ContentType.JSON).body(Map.of("customer_id", customer, "currency", "CNY",
                        "lines", List.of(Map.of("sku", sku, "quantity", 1, "unit_amount", 1200))))
                .post(Suite.GATEWAY + "/v1/orders").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification asB() {
        return Callers.as(keyB);
    }
}
