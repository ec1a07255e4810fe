package dev.paysaga.payment.api;

import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Merchants and their keys, through the real path: payment-service stores a key, its outbox publishes
 * the record on merchant.keys (real Kafka), and this service's own key directory reads it back — as
 * every other service's does.
 */
@QuarkusTest
class MerchantKeysTest {
    /** The bound docs/api.md states for a revocation to reach every service. */
    static final Duration PROPAGATION = Duration.ofSeconds(5);

    @Inject
    Pool db;

    @Test
    void anIssuedKeyWorksIsListedRedactedAndIsStoredOnlyAsItsHash() {
        String merchant = newMerchant();
        String secret = issue(merchant, "{\"type\":\"secret\",\"mode\":\"test\"}");

        await().atMost(PROPAGATION).until(() -> listKeys(secret, merchant) == 200);
        Api.as(secret).get("/v1/merchants/" + merchant + "/api_keys").then().statusCode(200)
                .body("data[0].redacted", equalTo("sk_test_…" + secret.substring(secret.length() - 4)))
                .body("data[0].secret", nullValue()).body("data[0].created_by", equalTo("platform"));

        String hash = ApiKeys.hash(secret);
        assertEquals(1L, count("select count(*) from api_key where sha256 = $1", hash));
        assertEquals(0L, count("select count(*) from api_key k where k::text like '%' || $1 || '%'", secret));
        assertEquals(0L, count("select count(*) from outbox_message m where m::text like '%' || $1 || '%'", secret));
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheBound() {
        String merchant = newMerchant();
        String secret = issue(merchant, "{\"type\":\"secret\",\"mode\":\"test\"}");
        String keyId = keyIdOf(secret, merchant);

        asPlatform().post("/v1/merchants/" + merchant + "/api_keys/" + keyId + "/revoke").then().statusCode(200)
                .body("revoked_at", org.hamcrest.Matchers.notNullValue());
        long revokedAt = System.nanoTime();
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(20)).until(() -> listKeys(secret, merchant) == 401);
        System.out.printf("revocation took effect after %d ms%n", (System.nanoTime() - revokedAt) / 1_000_000);
    }

    @Test
    void aRolledKeyKeepsWorkingThroughItsOverlapOnly() {
        String merchant = newMerchant();
        String first = issue(merchant, "{\"type\":\"secret\",\"mode\":\"test\"}");
        String firstId = keyIdOf(first, merchant);

        String second = asPlatform().contentType(ContentType.JSON).body("{\"expires_in\":3600}")
                .post("/v1/merchants/" + merchant + "/api_keys/" + firstId + "/roll").then().statusCode(201)
                .extract().path("secret");
        await().atMost(PROPAGATION).until(() -> listKeys(second, merchant) == 200);
        assertEquals(200, listKeys(first, merchant), "the old key works during the overlap");

        String secondId = keyIdOf(second, merchant);
        String third = asPlatform().contentType(ContentType.JSON).body("{\"expires_in\":0}")
                .post("/v1/merchants/" + merchant + "/api_keys/" + secondId + "/roll").then().statusCode(201)
                .extract().path("secret");
        await().atMost(PROPAGATION).until(() -> listKeys(second, merchant) == 401 && listKeys(third, merchant) == 200);
        assertEquals(200, listKeys(first, merchant), "rolling the second key leaves the first one's overlap alone");
    }

    @Test
    void aRestrictedKeyHoldsOnlyItsScopes() {
        String merchant = newMerchant();
        String restricted = issue(merchant, "{\"type\":\"restricted\",\"mode\":\"test\",\"scopes\":[\"orders:read\"]}");
        assertEquals("rk_test_", restricted.substring(0, 8));
        await().atMost(PROPAGATION).until(() -> listKeys(restricted, merchant) == 403);
        Api.as(restricted).get("/v1/merchants/" + merchant + "/api_keys").then().statusCode(403)
                .body("code", equalTo("permission_denied")).body("param", equalTo("keys:read"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"public","mode":"test"}                                  | type
            {"type":"secret","mode":"prod"}                                  | mode
            {"type":"secret","mode":"test","scopes":["orders:read"]}         | scopes
            {"type":"restricted","mode":"test"}                              | scopes
            {"type":"restricted","mode":"test","scopes":["money:print"]}     | scopes
            """)
    void badKeyRequestsAreRefusedAndCreateNothing(String body, String param) {
        String merchant = newMerchant();
        asPlatform().contentType(ContentType.JSON).body(body).post("/v1/merchants/" + merchant + "/api_keys")
                .then().statusCode(400).body("code", equalTo("invalid_request")).body("param", equalTo(param));
        assertEquals(0L, count("select count(*) from api_key where merchant_id = $1", merchant));
    }

    @Test
    void onlyThePlatformManagesMerchantsAndKeys() {
        String merchant = newMerchant();
        Api.given().contentType(ContentType.JSON).body("{\"type\":\"secret\",\"mode\":\"test\"}")
                .post("/v1/merchants/" + TestCredentials.MERCHANT_A + "/api_keys").then().statusCode(403)
                .body("code", equalTo("permission_denied"));
        Api.given().contentType(ContentType.JSON).body("{\"name\":\"Mine\"}").post("/v1/merchants").then()
                .statusCode(403);
        Api.anonymous().get("/v1/merchants/" + merchant).then().statusCode(401).body("code", equalTo("unauthenticated"));
        // Another merchant's keys do not exist for this key.
        Api.given().get("/v1/merchants/" + merchant + "/api_keys").then().statusCode(404);
        asPlatform().contentType(ContentType.JSON).body("{\"type\":\"secret\",\"mode\":\"test\"}")
                .post("/v1/merchants/mer_nobody_" + UUID.randomUUID().toString().substring(0, 8) + "/api_keys")
                .then().statusCode(404);
        assertEquals(0L, count("select count(*) from api_key where merchant_id = $1", merchant));
    }

    @Test
    void theDemoMerchantExistsOutOfTheBox() {
        asPlatform().get("/v1/merchants/mer_demo").then().statusCode(200).body("id", equalTo("mer_demo"));
    }

    private static String newMerchant() {
        String id = "mer_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        asPlatform().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"name\":\"Test shop\"}")
                .post("/v1/merchants").then().statusCode(201).body("id", equalTo(id));
        return id;
    }

    private static String issue(String merchant, String body) {
        return asPlatform().contentType(ContentType.JSON).body(body).post("/v1/merchants/" + merchant + "/api_keys")
                .then().statusCode(201).body("merchant_id", equalTo(merchant))
                .body("secret", startsWith(body.contains("restricted") ? "rk_test_" : "sk_test_"))
                .extract().path("secret");
    }

    private static String keyIdOf(String secret, String merchant) {
        return asPlatform().get("/v1/merchants/" + merchant + "/api_keys").then().statusCode(200).extract().jsonPath()
                .getString("data.find { it.redacted.endsWith('" + secret.substring(secret.length() - 4) + "') }.id");
    }

    private static int listKeys(String key, String merchant) {
        return Api.as(key).get("/v1/merchants/" + merchant + "/api_keys").statusCode();
    }

    private long count(String sql, String arg) {
        return db.preparedQuery(sql).execute(Tuple.of(arg)).await().indefinitely().iterator().next().getLong(0);
    }
}
