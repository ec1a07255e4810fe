package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;

/** Public-API steps of the payment tests. */
public final class Payments {
    private Payments() {
    }

    /** An id of the shape of ours that no payment has: a trade the channel has and we never made. */
    static String madeUpPaymentId() {
        String crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("pay_0");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 25; i++) {
            id.append(crockford.charAt(random.nextInt(crockford.length())));
        }
        return id.toString();
    }

    public static String customer() {
        return "cus_" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static void topUp(String customer, long amount) {
        Callers.asPlatform().contentType(ContentType.JSON).body("{\"amount\":" + amount + ",\"currency\":\"CNY\","
                + "\"merchant_id\":\"" + Callers.MERCHANT + "\",\"reason\":\"e2e funds\"}")
                .post(Suite.GATEWAY + "/v1/wallets/" + customer + "/top_ups").then().statusCode(201);
    }

    static long available(String customer) {
        return given().get(Suite.GATEWAY + "/v1/wallets/" + customer + "?currency=CNY")
                .then().statusCode(200).extract().jsonPath().getLong("available");
    }

    /** An order of {@code quantity} × 1,500 of a freshly stocked SKU; returns its id. */
    public static String order(String customer, String sku, int quantity) {
        return order(customer, sku, quantity, "CNY");
    }

    /** The same, in {@code currency} (1,500 of its minor unit each). */
    static String order(String customer, String sku, int quantity, String currency) {
        return given().contentType(ContentType.JSON)
                .body("{\"merchant_id\":\"mer_e2e\",\"customer_id\":\"" + customer + "\",\"currency\":\"" + currency + "\","
                        + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unit_amount\":1500}]}")
                .post(Suite.GATEWAY + "/v1/orders").then().statusCode(201).extract().path("id");
    }

    /** Pays with the wallet; returns the 202 body (payment_id, saga_id). */
    static JsonPath payWithWallet(String orderId, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON).body("{\"method\":\"wallet\",\"terminal\":\"web\"}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay")
                .then().statusCode(202).extract().jsonPath();
    }

    /** Asks for a refund; returns the response for the caller to check (202, or a problem). */
    static io.restassured.response.Response refund(String paymentId, long amount, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON)
                .body("{\"amount\":" + amount + ",\"reason\":\"requested_by_customer\"}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(Suite.GATEWAY + "/v1/payments/" + paymentId + "/refunds");
    }

    static JsonPath refundById(String refundId) {
        return given().get(Suite.GATEWAY + "/v1/refunds/" + refundId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** A funded customer's order of 2 × 1,500 paid with the wallet, saga completed; returns the payment. */
    public static JsonPath paidOrder(String customer, Duration within) {
        String orderId = order(customer, Orders.stockedSku(10), 2);
        JsonPath started = payWithWallet(orderId, null);
        String sagaId = started.getString("saga_id");
        await().atMost(within).until(() -> sagaStatus(sagaId).equals("completed"));
        return payment(started.getString("payment_id"));
    }

    static JsonPath saga(String sagaId) {
        var response = given().get(Suite.GATEWAY + "/v1/sagas/" + sagaId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    static String sagaStatus(String sagaId) {
        JsonPath saga = saga(sagaId);
        return saga == null ? "unknown" : saga.getString("status");
    }

    static JsonPath payment(String paymentId) {
        return given().get(Suite.GATEWAY + "/v1/payments/" + paymentId).then().statusCode(200)
                .extract().jsonPath();
    }

    static String orderStatus(String orderId) {
        return given().get(Suite.GATEWAY + "/v1/orders/" + orderId).then().statusCode(200)
                .extract().path("status");
    }
}
