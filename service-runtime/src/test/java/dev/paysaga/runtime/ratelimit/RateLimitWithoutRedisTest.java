package dev.paysaga.runtime.ratelimit;

import static org.hamcrest.Matchers.equalTo;

import dev.paysaga.runtime.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis down: requests are still served (fail open) and this replica's own limiter still holds each
 * key to its limits. Redis is "down" here by pointing the service at a port nothing listens on.
 */
@QuarkusTest
@TestProfile(RateLimitWithoutRedisTest.NoRedis.class)
class RateLimitWithoutRedisTest {
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void theLocalLimiterKeepsTheSameLimits() {
        Api.given().get("/v1/probe/orders").then().statusCode(200); // the first call also finds Redis down
        for (int i = 0; i < 3; i++) {
            Api.given().post("/v1/probe/orders").then().statusCode(200);
        }
        Api.given().post("/v1/probe/orders").then().statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", "1");
        Api.given().get("/v1/probe/orders").then().statusCode(200);
    }
}
