package dev.paysaga.payment.testing;

import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The risk operations with the platform credential, and fresh names for a test's own rules and parties. The rule
 * set is one for the whole service, shared with every later test run on this database (the end-to-end suite's
 * payments included): a test that puts rules puts the set back as it found it ({@link RulesRestored}).
 */
public final class RiskApi {
    private RiskApi() {
    }

    /**
     * Put the service's rule set back after each test as it was before: {@code @RegisterExtension final
     * RiskApi.RulesRestored rules = new RiskApi.RulesRestored();} (registered after Quarkus' own extension, so the
     * service is up when it runs).
     */
    public static final class RulesRestored implements BeforeEachCallback, AfterEachCallback {
        private List<Map<String, Object>> before;

        @Override
        public void beforeEach(ExtensionContext context) {
            before = asPlatform().get("/v1/risk/rules").then().statusCode(200).extract().path("rules");
        }

        @Override
        public void afterEach(ExtensionContext context) {
            put(before);
        }
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
