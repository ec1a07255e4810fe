package dev.paysaga.runtime.ratelimit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.runtime.auth.ClientSecrets;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Limits counted in the real Redis. The test profile allows its own key 3 writes at once and one
 * per second after (src/test/resources/application.properties); only this class uses that key.
 */
@QuarkusTest
class RateLimitTest {
    /** TEST-ONLY key of merchant mer_test_rate, configured in src/test/resources/application.properties. */
    static final String KEY = "sk_test_XcQ8kKhcKdkVL4TNYNBp60vHScrdSv360TLcYS";

    @Test
    void writesPastTheBurstAreRefusedWithRetryAfterThenServedAgain() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            Api.as(KEY).post("/v1/probe/orders").then().statusCode(200)
                    .header("RateLimit-Policy", "\"write\";q=3;w=3")
                    .header("RateLimit", "\"write\";r=" + remaining + ";t=" + (3 - remaining));
        }
        Response refused = Api.as(KEY).post("/v1/probe/orders");
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .header("RateLimit", "\"write\";r=0;t=3");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertEquals(1, retryAfter);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> Api.as(KEY).post("/v1/probe/orders").statusCode() == 200);
    }

    @Test
    void readsCountAgainstTheirOwnLargerLimit() {
        Api.as(KEY).get("/v1/probe/orders").then().statusCode(200)
                .header("RateLimit-Policy", "\"read\";q=200;w=2");
    }

    /** A client secret is anyone's to invent, so each one gets buckets of its own, as a key does. */
    @Test
    void aClientSecretIsLimitedLikeAKeyInBucketsOfItsOwn() {
        String secret = ClientSecrets.generate(Ids.next("ord"));
        for (int i = 0; i < 3; i++) {
            Api.as(secret).header("Idempotency-Key", UUID.randomUUID().toString()).post("/v1/probe/keyed").then()
                    .statusCode(200).header("RateLimit-Policy", "\"write\";q=3;w=3");
        }
        Api.as(secret).header("Idempotency-Key", UUID.randomUUID().toString()).post("/v1/probe/keyed").then()
                .statusCode(429).body("code", equalTo("rate_limited"));
        Api.as(ClientSecrets.generate(Ids.next("ord"))).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/v1/probe/keyed").then().statusCode(200);
    }
}
