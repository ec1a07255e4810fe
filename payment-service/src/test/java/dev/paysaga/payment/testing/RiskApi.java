package dev.paysaga.payment.testing;

import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The risk operations with the platform credential, and fresh names for a test's own rules and parties. */
public final class RiskApi {
    private RiskApi() {
    }

    /** A rule id (and customer or merchant id) no other test or run uses. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Replaces the rule set; answers the new version. */
    public static int put(List<Map<String, Object>> rules) {
        return asPlatform().contentType(ContentType.JSON).body(Map.of("rules", rules)).put("/v1/risk/rules")
                .then().statusCode(200).extract().path("version");
    }

    public static int currentVersion() {
        return asPlatform().get("/v1/risk/rules").then().statusCode(200).extract().path("version");
    }

    public static JsonPath decision(String paymentId) {
        return asPlatform().get("/v1/risk/decisions/{id}", paymentId).then().statusCode(200).extract().jsonPath();
    }

    /** The payment's alerts, once the API has as many as expected. */
    public static JsonPath alerts(String paymentId, int expected) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> asPlatform().queryParam("payment_id", paymentId).get("/v1/risk/alerts").then().statusCode(200)
                        .extract().jsonPath(),
                page -> page.getList("data").size() == expected);
    }
}
