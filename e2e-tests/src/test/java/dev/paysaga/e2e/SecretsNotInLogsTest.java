package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.testing.SseClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Credentials never reach a log: a key is issued, used on every service, refused when tampered with
 * and when revoked, pasted into a query string; an order's client secret is used and pasted too; a
 * webhook signing secret is made and rotated — and none of them is in any service's log or the
 * gateway's logs afterwards.
 */
class SecretsNotInLogsTest {
    @BeforeAll
    static void suite() {
        Callers.merchantKey();
    }

    @Test
    void noCredentialUsedOrRefusedAppearsInAnyLog() throws IOException {
        JsonPath issued = Callers.asPlatform().contentType(ContentType.JSON).body("{\"type\":\"secret\",\"mode\":\"test\"}")
                .post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys").then().statusCode(201)
                .extract().jsonPath();
        String key = issued.getString("secret");
        Callers.awaitAcceptedEverywhere(key);
        String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        for (String path : Callers.PROBES.values()) {
            Callers.as(key).get(Suite.GATEWAY + path);
            Callers.as(tampered).get(Suite.GATEWAY + path).then().statusCode(401);
            Callers.as(key).get(Suite.GATEWAY + path + (path.contains("?") ? "&" : "?") + "api_key=" + key);
        }
        String secret = Callers.as(key).contentType(ContentType.JSON).body(Map.of("customer_id", Payments.customer(),
                        "currency", "CNY", "lines", List.of(Map.of("sku", Orders.stockedSku(3), "quantity", 1, "unit_amount", 100))))
                .post(Suite.GATEWAY + "/v1/orders").then().statusCode(201).extract().path("client_secret");
        String order = secret.substring(0, secret.indexOf("_secret_"));
        Callers.as(secret).get(Suite.GATEWAY + "/v1/orders/" + order + "?client_secret=" + secret).then().statusCode(200);
        Callers.as(secret).post(Suite.GATEWAY + "/v1/orders/" + order + "/cancel").then().statusCode(401);
        Callers.asPlatform().post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys/"
                + issued.getString("id") + "/revoke").then().statusCode(200);
        Callers.as(key).get(Suite.GATEWAY + "/v1/orders/" + order); // refused or not yet: either way, not logged
        JsonPath endpoint = Callers.given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/secret-hooks",
                "enabled_events", List.of("webhook_endpoint.disabled"))).post(Suite.GATEWAY + "/v1/webhook_endpoints")
                .then().statusCode(201).extract().jsonPath();
        String rotated = Callers.given().post(Suite.GATEWAY + "/v1/webhook_endpoints/" + endpoint.getString("id")
                + "/rotate_secret").then().statusCode(200).extract().path("secret");
        Callers.given().delete(Suite.GATEWAY + "/v1/webhook_endpoints/" + endpoint.getString("id")).then().statusCode(200);

        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        JsonPath paid = Payments.payWithWallet(Payments.order(customer, Orders.stockedSku(3), 1), null);
        String streamSecret = paid.getString("client_secret");
        String forgedStreamSecret = streamSecret.substring(0, streamSecret.length() - 2) + "xx";
        try (SseClient stream = SseClient.open(Suite.GATEWAY + "/v1/payments/" + paid.getString("payment_id")
                + "/stream?client_secret=" + streamSecret, Map.of());
                SseClient forged = SseClient.open(Suite.GATEWAY + "/v1/payments/" + paid.getString("payment_id")
                        + "/stream?client_secret=" + forgedStreamSecret, Map.of())) {
            assertEquals(200, stream.status());
            assertEquals(401, forged.status());
        }

        // A named operator's key, used and mistyped.
        Callers.as(Callers.operatorKey("alice")).get(Suite.GATEWAY + "/v1/reconciliation/adjustments/adj_none").then()
                .statusCode(404);
        String forgedOperator = Callers.operatorKey("alice").substring(0, 60) + "0000";
        Callers.as(forgedOperator).get(Suite.GATEWAY + "/v1/reconciliation/adjustments/adj_none").then().statusCode(401);

        List<Path> logs = logs();
        assertTrue(logs.stream().anyMatch(p -> p.endsWith("access.log")), "the gateway's access log is read");
        List<String> credentials = List.of(key, tampered, secret, Callers.platformKey(), Callers.serviceToken(),
                endpoint.getString("secret"), rotated, streamSecret, forgedStreamSecret, Callers.operatorKey("alice"),
                Callers.operatorKey("bob"), forgedOperator);
        assertAll(logs.stream().map(log -> (Executable) () -> {
            String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
            for (String credential : credentials) {
                assertFalse(text.contains(credential), log + " holds a credential ("
                        + credential.substring(0, Math.min(8, credential.length())) + "…)");
            }
        }));
    }

    /** Every service's log and the gateway's logs. */
    private static List<Path> logs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path dir : List.of(Suite.ROOT.resolve(".paysaga/logs"), Suite.ROOT.resolve(".paysaga/gateway"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".log")).forEach(logs::add);
            }
        }
        return logs;
    }
}
