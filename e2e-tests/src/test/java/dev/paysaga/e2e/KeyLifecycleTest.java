package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key's life as every service sees it, through the gateway: no credential, a malformed, other-mode or
 * revoked key is 401 on every operation of the public API; revocation reaches every service within the
 * stated bound ({@value #REVOCATION_BOUND_SECONDS} s, docs/api.md); a rolled key keeps working for its
 * overlap and no longer.
 */
class KeyLifecycleTest {
    static final int REVOCATION_BOUND_SECONDS = 5;

    @BeforeAll
    static void suite() {
        Callers.merchantKey(); // the merchant whose keys the tests issue exists from here on
    }

    /** Credentials that prove nothing at the public API. */
    static Stream<Arguments> unproven() {
        JsonPath live = issue("{\"type\":\"secret\",\"mode\":\"live\"}");
        JsonPath revoked = issue("{\"type\":\"secret\",\"mode\":\"test\"}");
        Callers.awaitAcceptedEverywhere(revoked.getString("secret"));
        revoke(revoked.getString("id"));
        awaitRefusedEverywhere(revoked.getString("secret"), Duration.ofSeconds(20));
        return Stream.of(Arguments.of("no credential", null),
                Arguments.of("a malformed key", "sk_test_not_a_key"),
                Arguments.of("a live-mode key at a test-mode platform", live.getString("secret")),
                Arguments.of("a revoked key", revoked.getString("secret")),
                Arguments.of("an unknown platform credential", "opk_" + "0".repeat(64)),
                Arguments.of("the service credential", Callers.serviceToken()));
    }

    @ParameterizedTest(name = "{0} → 401 on every operation")
    @MethodSource("unproven")
    void everyOperationWithoutAValidCredentialIsUnauthenticated(String what, String credential) {
        assertAll(PublicApi.operations().stream().filter(op -> !op.isPublic()).map(op -> (Executable) () -> {
            var request = credential == null ? io.restassured.RestAssured.given() : Callers.as(credential);
            if (!op.method().equals("get")) {
                request.contentType(ContentType.JSON).body("{}");
            }
            request.request(op.method(), op.url(Map.of(), "x_unknown")).then()
                    .statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        }));
    }

    @Test
    void aRevokedKeyStopsWorkingInEveryServiceWithinTheBound() {
        JsonPath key = issue("{\"type\":\"secret\",\"mode\":\"test\"}");
        String secret = key.getString("secret");
        Callers.awaitAcceptedEverywhere(secret);

        long revokedAt = System.nanoTime();
        revoke(key.getString("id"));
        Map<String, Long> millis = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(REVOCATION_BOUND_SECONDS)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Callers.PROBES.forEach((service, path) -> {
                if (!millis.containsKey(service) && Callers.as(secret).get(Suite.GATEWAY + path).statusCode() == 401) {
                    millis.put(service, (System.nanoTime() - revokedAt) / 1_000_000);
                }
            });
            return millis.size() == Callers.PROBES.size();
        });
        System.out.println("revocation effective after (ms): " + new TreeMap<>(millis));
    }

    @Test
    void aRolledKeyWorksUntilItsOverlapEndsAndItsSuccessorEverywhereAtOnce() {
        JsonPath old = issue("{\"type\":\"secret\",\"mode\":\"test\"}");
        Callers.awaitAcceptedEverywhere(old.getString("secret"));

        JsonPath rolled = Callers.asPlatform().contentType(ContentType.JSON).body("{\"expires_in\":15}")
                .post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys/" + old.getString("id") + "/roll")
                .then().statusCode(201).extract().jsonPath();
        String successor = rolled.getString("secret");
        assertNotEquals(old.getString("secret"), successor);
        Callers.awaitAcceptedEverywhere(successor);
        // Within the overlap both work; afterwards only the successor.
        assertAll(Callers.PROBES.values().stream().map(path -> (Executable) () ->
                assertNotEquals(401, Callers.as(old.getString("secret")).get(Suite.GATEWAY + path).statusCode(), path)));
        awaitRefusedEverywhere(old.getString("secret"), Duration.ofSeconds(30));
        assertAll(Callers.PROBES.values().stream().map(path -> (Executable) () ->
                assertNotEquals(401, Callers.as(successor).get(Suite.GATEWAY + path).statusCode(), path)));
    }

    /**
     * saga-orchestrator runs for a moment with a read limit of 1/s and a burst of 3: the fourth read of a
     * key is 429 with Retry-After and the RateLimit headers, through the gateway, and once Retry-After has
     * passed the key reads again.
     */
    @Test
    void aKeyOverItsLimitIs429ThroughTheGatewayAndRecoversAfterRetryAfter() {
        String service = "saga-orchestrator";
        Suite.restart(service, Map.of("PAYSAGA_RATE_LIMIT_READ_PER_SECOND", "1", "PAYSAGA_RATE_LIMIT_READ_BURST", "3"));
        try {
            String key = issue("{\"type\":\"secret\",\"mode\":\"test\"}").getString("secret");
            Callers.awaitAcceptedEverywhere(key);
            String url = Suite.GATEWAY + "/v1/sagas?limit=1";
            Response limited = null;
            for (int i = 0; i < 10 && limited == null; i++) {
                Response response = Callers.as(key).get(url);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 429, response.asString());
                limited = response.statusCode() == 429 ? response : null;
            }
            assertNotNull(limited, "ten reads at 1/s with a burst of 3 were all allowed");
            limited.then().contentType("application/problem+json").body("code", equalTo("rate_limited"));
            assertEquals("\"read\";q=3;w=3", limited.header("RateLimit-Policy"));
            assertTrue(limited.header("RateLimit").startsWith("\"read\";r=0;"), limited.header("RateLimit"));
            long retryAfter = Long.parseLong(limited.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);

            Response recovered = await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 5))
                    .until(() -> Callers.as(key).get(url), response -> response.statusCode() == 200);
            assertEquals("\"read\";q=3;w=3", recovered.header("RateLimit-Policy"));
        } finally {
            Suite.restart(service, Map.of());
        }
    }

    private static JsonPath issue(String body) {
        return Callers.asPlatform().contentType(ContentType.JSON).body(body)
                .post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys").then().statusCode(201)
                .extract().jsonPath();
    }

    private static void revoke(String keyId) {
        Callers.asPlatform().post(Suite.GATEWAY + "/v1/merchants/" + Callers.MERCHANT + "/api_keys/" + keyId + "/revoke")
                .then().statusCode(200).body("revoked_at", org.hamcrest.Matchers.notNullValue());
    }

    private static void awaitRefusedEverywhere(String key, Duration within) {
        await().atMost(within).until(() -> Callers.PROBES.values().stream()
                .allMatch(path -> Callers.as(key).get(Suite.GATEWAY + path).statusCode() == 401));
    }
}
