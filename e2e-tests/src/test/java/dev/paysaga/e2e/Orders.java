package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;

/** Public-API steps the end-to-end tests share. */
public final class Orders {
    private Orders() {
    }

    public static String stockedSku(int onHand) {
        String sku = "sku_" + UUID.randomUUID().toString().substring(0, 12);
        given().contentType(ContentType.JSON).body("{\"on_hand\":" + onHand + "}")
                .put(Suite.GATEWAY + "/v1/inventory/" + sku).then().statusCode(200);
        return sku;
    }

    /** Places an order for one unit of {@code sku} on {@code orderService}; returns its id. */
    static String placeOn(String orderService, String sku) {
        return given().contentType(ContentType.JSON).body(oneUnitOf(sku))
                .post(orderService + "/v1/orders").then().statusCode(201).extract().path("id");
    }

    private static String oneUnitOf(String sku) {
        return "{\"merchant_id\":\"mer_e2e\",\"customer_id\":\"cus_e2e\",\"currency\":\"CNY\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unit_amount\":1200}]}";
    }

    /** Places an order for one unit of {@code sku}; returns its id. */
    static String place(String sku, String traceparent) {
        var request = given().contentType(ContentType.JSON).body(oneUnitOf(sku));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return request.post(Suite.GATEWAY + "/v1/orders").then().statusCode(201).extract().path("id");
    }

    /** The merchant events notification-service recorded about {@code subject}. */
    static List<java.util.Map<String, Object>> eventsAbout(String subject) {
        return given().get(Suite.GATEWAY + "/v1/events?subject=" + subject)
                .then().statusCode(200).extract().jsonPath().getList("data");
    }
}
