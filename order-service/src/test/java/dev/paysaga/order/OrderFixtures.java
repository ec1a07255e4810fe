package dev.paysaga.order;

import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;

import dev.paysaga.runtime.testing.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

/** What order-service tests set up and check through the public API, as merchant A unless told. */
public final class OrderFixtures {
    private OrderFixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A fresh SKU of merchant A with {@code onHand} units. */
    public static String stock(int onHand) {
        String sku = unique("sku");
        setStock(given(), sku, onHand);
        return sku;
    }

    /** Sets the stock of {@code sku} in the namespace of the merchant {@code caller} is. */
    public static void setStock(RequestSpecification caller, String sku, int onHand) {
        caller.contentType(ContentType.JSON).body("{\"on_hand\":" + onHand + "}").put("/v1/inventory/" + sku)
                .then().statusCode(200).body("available", equalTo(onHand));
    }

    public static String line(String sku, int quantity, long unitAmount) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unit_amount\":" + unitAmount + "}";
    }

    public static Response order(String customer, String currency, String... lines) {
        return orderWithKey(null, customer, currency, lines);
    }

    public static Response orderWithKey(String idempotencyKey, String customer, String currency, String... lines) {
        var request = given();
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return orderAs(request, TestCredentials.MERCHANT_A, customer, currency, lines);
    }

    /** Places an order as {@code caller}, naming {@code merchantId} in the body unless it is null. */
    public static Response orderAs(RequestSpecification caller, String merchantId, String customer, String currency,
            String... lines) {
        String merchant = merchantId == null ? "" : "\"merchant_id\":\"" + merchantId + "\",";
        return caller.contentType(ContentType.JSON)
                .body("{" + merchant + "\"customer_id\":\"" + customer + "\",\"currency\":\"" + currency
                        + "\",\"lines\":[" + String.join(",", lines) + "]}")
                .post("/v1/orders");
    }

    /** Places an order of {@code quantity} units of {@code sku} and returns its id. */
    public static String placed(String sku, int quantity) {
        return placedWithSecret(sku, quantity).id();
    }

    /** An order as its creation answered it: its id, and its client secret for the buyer's page. */
    public record Placed(String id, String clientSecret) {
    }

    /** Places an order of {@code quantity} units of {@code sku}, for a customer of its own. */
    public static Placed placedWithSecret(String sku, int quantity) {
        var answer = order(unique("cus"), "CNY", line(sku, quantity, 100)).then().statusCode(201).extract();
        return new Placed(answer.path("id"), answer.path("client_secret"));
    }

    public static String statusOf(String orderId) {
        return given().get("/v1/orders/" + orderId).then().statusCode(200).extract().path("status");
    }

    public static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("status", equalTo(status))
                .body("type", equalTo("https://paysaga.dev/errors/" + code));
    }

    /** Merchant A's stock of {@code sku}. */
    public static void assertInventory(String sku, int onHand, int reserved) {
        assertInventory(given(), sku, onHand, reserved);
    }

    /** The stock of {@code sku} of the merchant {@code caller} is. */
    public static void assertInventory(RequestSpecification caller, String sku, int onHand, int reserved) {
        caller.get("/v1/inventory/" + sku).then().statusCode(200)
                .body("on_hand", equalTo(onHand)).body("reserved", equalTo(reserved))
                .body("available", equalTo(onHand - reserved));
    }

    /** The customer (whose wallet pays) of each payment.requested recorded for the order. */
    public static List<String> requestedPayers(Pool db, String order) {
        var rows = db.preparedQuery("""
                        select payload -> 'payment' ->> 'customer_id' from outbox_message
                         where subject = $1 and type = 'payment.requested'""")
                .execute(Tuple.of(order)).await().indefinitely();
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0)).toList();
    }

    public static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
