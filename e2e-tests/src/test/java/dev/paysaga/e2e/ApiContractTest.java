package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client built from the aggregated OpenAPI document works: for every operation, a request that uses
 * only the document's field names and types gets a documented success status through the gateway, and
 * the answer holds only documented fields of the documented types. The values come from a fixture per
 * operation (real objects made through the API); the names and types come from the document, so a
 * schema that drifts from what the service reads or writes fails here. An operation without a fixture
 * fails too: a new endpoint cannot be left undocumented-by-test.
 */
class ApiContractTest {
    /** Public operations prove their caller otherwise and are exercised by their own tests. */
    private static final Map<String, String> PROVEN_ELSEWHERE = Map.of(
            "POST /callbacks/{channel}", "signed channel notifications: ChannelPaymentSagaTest, GatewayTest",
            "GET /v1/payments/{id}/stream", "the payment's stream secret: LiveStreamTest (notification-service, e2e)");
    /**
     * Answers that are no JSON document: Server-Sent Events never end (the LiveStreamTests drive them) and a CSV
     * export is text (ReconciliationTest reads it).
     */
    private static final Set<String> STREAMS = Set.of("GET /v1/events/stream", "GET /v1/payments/{id}/stream",
            "GET /v1/reconciliation/runs/{id}/items.csv");
    private static final Map<String, Supplier<Call>> FIXTURES = fixtures();

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    /** The request for one operation: who calls, its path and query parameters, its JSON body. */
    record Call(RequestSpecification caller, Map<String, String> path, Map<String, Object> query, Object body) {
        static Call of(RequestSpecification caller, Map<String, String> path) {
            return new Call(caller, path, Map.of(), null);
        }

        Call query(Map<String, Object> query) {
            return new Call(caller, path, query, body);
        }

        Call body(Object body) {
            return new Call(caller, path, query, body);
        }
    }

    static Stream<PublicApi.Operation> operations() {
        return PublicApi.operations().stream()
                .filter(op -> !PROVEN_ELSEWHERE.containsKey(op.key()) && !STREAMS.contains(op.key()));
    }

    @Test
    void everyOperationHasAFixtureAndOnlyTheKnownOnesArePublic() {
        List<String> documented = PublicApi.operations().stream().map(PublicApi.Operation::key).toList();
        List<String> missing = documented.stream()
                .filter(key -> !FIXTURES.containsKey(key) && !PROVEN_ELSEWHERE.containsKey(key) && !STREAMS.contains(key))
                .toList();
        assertEquals(List.of(), missing, "operations without a fixture in ApiContractTest");
        assertEquals(List.of(), FIXTURES.keySet().stream().filter(key -> !documented.contains(key)).toList(),
                "fixtures of operations the document does not have");
        assertEquals(PROVEN_ELSEWHERE.keySet(), Set.copyOf(PublicApi.operations().stream()
                .filter(PublicApi.Operation::isPublic).map(PublicApi.Operation::key).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aRequestBuiltFromTheDocumentIsAcceptedAndAnsweredAsDocumented(PublicApi.Operation operation) {
        Supplier<Call> fixture = FIXTURES.get(operation.key());
        assertTrue(fixture != null, "no fixture for " + operation.key());
        Call call = fixture.get();

        assertEquals(Set.copyOf(operation.parameters("path")), call.path().keySet(), "path parameters");
        assertTrue(operation.parameters("query").containsAll(call.query().keySet()),
                "query parameters " + call.query().keySet() + " not all in " + operation.parameters("query"));
        RequestSpecification request = call.caller().queryParams(call.query());
        if (call.body() != null) {
            JsonNode body = Bench.JSON.valueToTree(call.body());
            JsonNode schema = operation.requestSchema().orElseThrow(() -> new AssertionError("no request body documented"));
            assertEquals(List.of(), SchemaConformance.departures(body, schema, "request"), "the request as documented");
            request.contentType(ContentType.JSON).body(body.toString());
        }
        if (operation.parameters("header").contains("Idempotency-Key")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        Response response = request.request(operation.method(), operation.url(call.path(), null));

        assertTrue(operation.successStatuses().contains(response.statusCode()), operation.key() + " answered "
                + response.statusCode() + " (documented " + operation.successStatuses() + "): " + response.asString());
        if (response.asByteArray().length > 0) {
            JsonNode schema = operation.responseSchema(response.statusCode())
                    .orElseThrow(() -> new AssertionError("the " + response.statusCode() + " answer's body is not documented"));
            JsonNode answer = Bench.JSON.valueToTree(response.jsonPath().get(""));
            assertEquals(List.of(), SchemaConformance.departures(answer, schema, "answer"), "the answer as documented");
            assertFalse(answer.isEmpty(), "an empty answer proves nothing");
        }
    }

    private static Map<String, Supplier<Call>> fixtures() {
        Map<String, Supplier<Call>> f = new LinkedHashMap<>();
        // Inventory and orders (order-service)
        f.put("PUT /v1/inventory/{sku}", () -> Call.of(merchant(), Map.of("sku", sku())).body(Map.of("on_hand", 5)));
        f.put("GET /v1/inventory/{sku}", () -> Call.of(merchant(), Map.of("sku", Orders.stockedSku(5))));
        f.put("POST /v1/orders", () -> Call.of(merchant(), Map.of()).body(Map.of("merchant_id", Callers.MERCHANT,
                "customer_id", Payments.customer(), "currency", "CNY",
                "lines", List.of(Map.of("sku", Orders.stockedSku(5), "quantity", 2, "unit_amount", 1500)),
                "metadata", Map.of("table", "7"))));
        f.put("GET /v1/orders/{id}", () -> Call.of(merchant(), Map.of("id", order(Payments.customer()))));
        f.put("POST /v1/orders/{id}/cancel", () -> Call.of(merchant(), Map.of("id", order(Payments.customer()))));
        f.put("POST /v1/orders/{id}/pay", () -> {
            String customer = fundedCustomer();
            return Call.of(merchant(), Map.of("id", order(customer)))
                    .body(Map.of("method", "wallet", "customer_id", customer, "terminal", "web"));
        });
        f.put("POST /v1/orders/{id}/ship", () -> Call.of(merchant(), Map.of("id", paidOrder().getString("order_id"))));
        f.put("POST /v1/orders/{id}/complete", () -> {
            String order = paidOrder().getString("order_id");
            merchant().post(Suite.GATEWAY + "/v1/orders/" + order + "/ship").then().statusCode(200);
            return Call.of(merchant(), Map.of("id", order));
        });
        // Payments and refunds (payment-service)
        f.put("GET /v1/payments/{id}", () -> Call.of(merchant(), Map.of("id", paidOrder().getString("id"))));
        f.put("POST /v1/payments/{id}/refunds", () -> Call.of(merchant(), Map.of("id", paidOrder().getString("id")))
                .body(Map.of("amount", 500, "reason", "requested_by_customer")));
        f.put("GET /v1/refunds/{id}", () -> {
            String refund = Payments.refund(paidOrder().getString("id"), 500, null).then().statusCode(202)
                    .extract().path("id");
            return Call.of(merchant(), Map.of("id", refund));
        });
        // Merchants and keys (payment-service, platform)
        f.put("GET /v1/merchants", () -> Call.of(Callers.asPlatform(), Map.of()).query(Map.of("limit", 5)));
        f.put("POST /v1/merchants", () -> Call.of(Callers.asPlatform(), Map.of())
                .body(Map.of("id", "mer_contract_" + hex(10), "name", "Contract test merchant")));
        f.put("GET /v1/merchants/{id}", () -> Call.of(Callers.asPlatform(), Map.of("id", Callers.MERCHANT)));
        f.put("GET /v1/merchants/{merchant_id}/api_keys",
                () -> Call.of(Callers.asPlatform(), Map.of("merchant_id", Callers.MERCHANT)));
        f.put("POST /v1/merchants/{merchant_id}/api_keys", () -> Call.of(Callers.asPlatform(),
                Map.of("merchant_id", Callers.MERCHANT))
                .body(Map.of("type", "restricted", "mode", "test", "scopes", List.of("orders:read"))));
        f.put("POST /v1/merchants/{merchant_id}/api_keys/{key_id}/roll", () -> Call.of(Callers.asPlatform(),
                Map.of("merchant_id", Callers.MERCHANT, "key_id", restrictedKey())).body(Map.of("expires_in", 60)));
        f.put("POST /v1/merchants/{merchant_id}/api_keys/{key_id}/revoke", () -> Call.of(Callers.asPlatform(),
                Map.of("merchant_id", Callers.MERCHANT, "key_id", restrictedKey())));
        // Sagas (saga-orchestrator) and events (notification-service)
        f.put("GET /v1/sagas", () -> Call.of(merchant(), Map.of()).query(Map.of("limit", 5)));
        f.put("GET /v1/sagas/{id}", () -> Call.of(merchant(), Map.of("id", paidOrder().getString("saga_id"))));
        f.put("GET /v1/events", () -> Call.of(merchant(), Map.of()).query(Map.of("limit", 5, "type", "order.created")));
        f.put("GET /v1/events/{id}", () -> Call.of(merchant(), Map.of("id", eventAbout(order(Payments.customer())))));
        f.put("GET /v1/events/{id}/deliveries", () -> Call.of(merchant(), Map.of("id", eventAbout(order(Payments.customer())))));
        f.put("POST /v1/events/{id}/resend", () -> Call.of(merchant(), Map.of("id", eventAbout(order(Payments.customer())))));
        // Webhook endpoints (notification-service), subscribed to nothing this suite raises
        f.put("POST /v1/webhook_endpoints", () -> Call.of(merchant(), Map.of()).body(Map.of("url", QUIET_HOOKS,
                "enabled_events", List.of("webhook_endpoint.disabled"), "description", "contract test")));
        f.put("GET /v1/webhook_endpoints", () -> {
            webhookEndpoint();
            return Call.of(merchant(), Map.of()).query(Map.of("limit", 5));
        });
        f.put("GET /v1/webhook_endpoints/{id}", () -> Call.of(merchant(), Map.of("id", webhookEndpoint())));
        f.put("POST /v1/webhook_endpoints/{id}", () -> Call.of(merchant(), Map.of("id", webhookEndpoint()))
                .body(Map.of("description", "renamed", "enabled_events", List.of("webhook_endpoint.*"), "status", "enabled")));
        f.put("DELETE /v1/webhook_endpoints/{id}", () -> Call.of(merchant(), Map.of("id", webhookEndpoint())));
        f.put("POST /v1/webhook_endpoints/{id}/rotate_secret", () -> Call.of(merchant(), Map.of("id", webhookEndpoint()))
                .body(Map.of("expire_in_seconds", 60)));
        f.put("POST /v1/webhook_endpoints/{id}/recover", () -> Call.of(merchant(), Map.of("id", webhookEndpoint()))
                .body(Map.of("since", java.time.Instant.now().minusSeconds(60).toString())));
        // Wallets, accounts and transfers (ledger-service)
        f.put("GET /v1/wallets/{customer_id}", () -> Call.of(merchant(), Map.of("customer_id", fundedCustomer()))
                .query(Map.of("currency", "CNY")));
        f.put("POST /v1/wallets/{customer_id}/top_ups", () -> Call.of(Callers.asPlatform(),
                Map.of("customer_id", Payments.customer())).body(Map.of("amount", 10_000, "currency", "CNY",
                "merchant_id", Callers.MERCHANT, "reason", "contract test")));
        f.put("POST /v1/accounts", () -> Call.of(Callers.asPlatform(), Map.of()).body(Map.of("owner_id",
                Payments.customer(), "type", "customer_wallet", "currency", "CNY", "merchant_id", Callers.MERCHANT)));
        f.put("GET /v1/accounts/{id}", () -> Call.of(Callers.asPlatform(), Map.of("id", walletAccount())));
        f.put("POST /v1/accounts/{id}/close", () -> Call.of(Callers.asPlatform(), Map.of("id", walletAccount())));
        f.put("GET /v1/accounts/{id}/entries", () -> {
            String wallet = walletAccount();
            transfer(clearingAccount(), wallet, "tr_" + hex(20));
            return Call.of(Callers.asPlatform(), Map.of("id", wallet)).query(Map.of("limit", 10));
        });
        f.put("POST /v1/transfers", () -> Call.of(Callers.asPlatform(), Map.of())
                .body(transferBody(clearingAccount(), walletAccount(), "tr_" + hex(20))));
        f.put("POST /v1/transfers/batch", () -> {
            String clearing = clearingAccount();
            String wallet = walletAccount();
            return Call.of(Callers.asPlatform(), Map.of()).body(Map.of("transfers",
                    List.of(transferBody(clearing, wallet, "tr_" + hex(20)), transferBody(clearing, wallet, "tr_" + hex(20)))));
        });
        f.put("GET /v1/transfers/{id}", () -> {
            String id = "tr_" + hex(20);
            transfer(clearingAccount(), walletAccount(), id);
            return Call.of(Callers.asPlatform(), Map.of("id", id));
        });
        // Risk rules, decisions and alerts (payment-service, platform): the set is put back as it is
        f.put("PUT /v1/risk/rules", () -> Call.of(Callers.asPlatform(), Map.of()).body(Map.of("rules", riskRules())));
        f.put("GET /v1/risk/rules", () -> Call.of(Callers.asPlatform(), Map.of()));
        f.put("GET /v1/risk/rules/versions/{version}", () -> Call.of(Callers.asPlatform(), Map.of("version",
                String.valueOf(Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("rules", riskRules()))
                        .put(Suite.GATEWAY + "/v1/risk/rules").then().statusCode(200).extract().<Integer>path("version")))));
        f.put("GET /v1/risk/decisions/{payment_id}", () -> Call.of(Callers.asPlatform(),
                Map.of("payment_id", paidOrder().getString("id"))));
        f.put("GET /v1/risk/alerts", () -> Call.of(Callers.asPlatform(), Map.of()).query(Map.of("limit", 5)));
        // Reconciliation (reconciliation-service, platform; adjustments by named operators)
        f.put("POST /v1/reconciliation/runs", () -> Call.of(Callers.asPlatform(), Map.of())
                .body(Map.of("channel", "alipay", "date", QUIET_DAY.toString())));
        f.put("GET /v1/reconciliation/runs/{id}", () -> Call.of(Callers.asPlatform(), Map.of("id", reconciledRun())));
        f.put("GET /v1/reconciliation/runs/{id}/items", () -> Call.of(Callers.asPlatform(), Map.of("id", reconciledRun()))
                .query(Map.of("limit", 5, "kind", "missing_locally")));
        f.put("POST /v1/reconciliation/adjustments", () -> Call.of(operator("alice"), Map.of())
                .body(adjustmentBody(reconciledRun())));
        f.put("GET /v1/reconciliation/adjustments/{id}", () -> Call.of(Callers.asPlatform(), Map.of("id", adjustment())));
        f.put("POST /v1/reconciliation/adjustments/{id}/approve", () -> Call.of(operator("bob"), Map.of("id", adjustment())));
        f.put("POST /v1/reconciliation/adjustments/{id}/reject", () -> Call.of(operator("bob"), Map.of("id", adjustment()))
                .body(Map.of("reason", "contract test")));
        return f;
    }

    private static List<Object> riskRules() {
        return Callers.asPlatform().get(Suite.GATEWAY + "/v1/risk/rules").then().statusCode(200).extract().path("rules");
    }

    /** A day long past: the sandbox's Alipay bill of it holds only the trade scripted for the contract test. */
    private static final java.time.LocalDate QUIET_DAY = java.time.LocalDate.of(2021, 3, 14);

    private static RequestSpecification operator(String name) {
        return Callers.as(Callers.operatorKey(name));
    }

    /** A completed run of {@link #QUIET_DAY} at Alipay with one item to review: a trade we never made. */
    private static String reconciledRun() {
        Callers.given().contentType(ContentType.JSON).body(Map.of("extra", List.of(Map.of("payment_id",
                        Payments.madeUpPaymentId(), "amount", 900, "currency", "CNY"))))
                .put(Suite.url("channel-sandbox") + "/admin/statements/alipay/" + QUIET_DAY).then().statusCode(200);
        String id = Callers.asPlatform().contentType(ContentType.JSON)
                .body(Map.of("channel", "alipay", "date", QUIET_DAY.toString()))
                .post(Suite.GATEWAY + "/v1/reconciliation/runs").then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "completed".equals(
                Callers.asPlatform().get(Suite.GATEWAY + "/v1/reconciliation/runs/" + id).then().extract().path("status")));
        return id;
    }

    private static Map<String, Object> adjustmentBody(String run) {
        return Map.of("run_id", run, "item", 1, "debit_account_id", clearingAccount(), "credit_account_id", walletAccount(),
                "amount", 900, "currency", "CNY", "reason", "contract test: a trade the channel has and we do not");
    }

    private static String adjustment() {
        return operator("alice").contentType(ContentType.JSON).body(adjustmentBody(reconciledRun()))
                .post(Suite.GATEWAY + "/v1/reconciliation/adjustments").then().statusCode(201).extract().path("id");
    }

    /** Nothing listens there: the fixtures' endpoints subscribe to nothing the suite raises. */
    private static final String QUIET_HOOKS = "http://127.0.0.1:9/contract-hooks";

    private static String webhookEndpoint() {
        return merchant().contentType(ContentType.JSON)
                .body(Map.of("url", QUIET_HOOKS, "enabled_events", List.of("webhook_endpoint.disabled")))
                .post(Suite.GATEWAY + "/v1/webhook_endpoints").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification merchant() {
        return Callers.given();
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    private static String sku() {
        return "sku_" + hex(12);
    }

    private static String order(String customer) {
        return Payments.order(customer, Orders.stockedSku(5), 1);
    }

    private static String fundedCustomer() {
        String customer = Payments.customer();
        Payments.topUp(customer, 100_000);
        return customer;
    }

    /** A payment of a funded customer's order, its saga completed. */
    private static JsonPath paidOrder() {
        return Payments.paidOrder(fundedCustomer(), Duration.ofSeconds(60));
    }

    private static String restrictedKey() {
        return Callers.asPlatform().contentType(ContentType.JSON)
                .body("{\"type\":\"restricted\",\"mode\":\"test\",\"scopes\":[\"orders:read\"]}")
                .post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys").then().statusCode(201)
                .extract().path("id");
    }

    private static String eventAbout(String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !Orders.eventsAbout(subject).isEmpty());
        return (String) Orders.eventsAbout(subject).get(0).get("id");
    }

    private static String walletAccount() {
        return openAccount(Map.of("owner_id", Payments.customer(), "type", "customer_wallet", "currency", "CNY",
                "merchant_id", Callers.MERCHANT));
    }

    /** A channel's clearing account: debit-side, so it can fund the transfers of a test. */
    private static String clearingAccount() {
        return openAccount(Map.of("owner_id", "contract_" + hex(8), "type", "channel_clearing", "currency", "CNY"));
    }

    private static String openAccount(Map<String, Object> body) {
        return Callers.asPlatform().contentType(ContentType.JSON).body(body).post(Suite.GATEWAY + "/v1/accounts")
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> transferBody(String debit, String credit, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", "single");
        body.put("debit_account_id", debit);
        body.put("credit_account_id", credit);
        body.put("amount", 250);
        body.put("currency", "CNY");
        body.put("code", "contract_test");
        body.put("reference", "ApiContractTest");
        return body;
    }

    private static void transfer(String debit, String credit, String id) {
        Callers.asPlatform().contentType(ContentType.JSON).body(transferBody(debit, credit, id))
                .post(Suite.GATEWAY + "/v1/transfers").then().statusCode(201);
    }
}
