package dev.paysaga.order;

import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;

import dev.paysaga.runtime.testing.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.concurrent.Future;

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
        return order(unique("cus"), "CNY", line(sku, quantity, 100)).then().statusCode(201).extract().path("id");
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

    public static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
