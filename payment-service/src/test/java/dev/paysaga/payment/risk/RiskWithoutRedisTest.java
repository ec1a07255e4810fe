package dev.paysaga.payment.risk;

import static dev.paysaga.payment.testing.PaymentCommands.payment;
import static dev.paysaga.payment.testing.RiskApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.payment.testing.PaymentCommands;
import dev.paysaga.payment.testing.RiskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With Redis unreachable the frequency rules fail open (the payment proceeds, the decision says they
 * were not checked, a metric counts it), while block lists and amount thresholds, which need no Redis,
 * still apply.
 */
@QuarkusTest
@TestProfile(RiskWithoutRedisTest.RedisDown.class)
class RiskWithoutRedisTest {
    /** No later test or suite meets this test's rules. */
    @RegisterExtension
    final RiskApi.RulesRestored rules = new RiskApi.RulesRestored();

    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1: every connection is refused at once.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Inject
    PaymentCommands commands;

    @Test
    void frequencyRulesFailOpenAndTheRulesWithoutRedisStillBlock() {
        String customer = unique("cus");
        String blocked = unique("cus");
        String merchant = unique("mer");
        RiskApi.put(List.of(
                Map.of("id", unique("one_a_minute"), "kind", "frequency", "scope", "customer", "window", "PT1M",
                        "max_count", 1, "action", "block"),
                Map.of("id", unique("blocked"), "kind", "block_list", "field", "customer_id", "values", List.of(blocked),
                        "action", "block"),
                Map.of("id", unique("big"), "kind", "amount_above", "currency", "CNY", "amount", 50_000,
                        "merchant_id", merchant, "action", "block")));

        PaymentInstruction first = payment(merchant, customer, 100, "CNY");
        PaymentInstruction second = payment(merchant, customer, 100, "CNY");
        assertEquals("TRIED", commands.branch(commands.tried(first)));
        assertEquals("TRIED", commands.branch(commands.tried(second)), "the frequency rule could not count");
        assertEquals("TRY_FAILED risk_blocked", commands.branch(commands.tried(payment(merchant, blocked, 100, "CNY"))));
        assertEquals("TRY_FAILED risk_blocked",
                commands.branch(commands.tried(payment(merchant, unique("cus"), 50_001, "CNY"))));

        JsonPath decision = RiskApi.decision(second.paymentId());
        assertEquals("allow", decision.getString("outcome"));
        assertFalse(decision.getBoolean("velocity_checked"));
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("paysaga_risk_velocity_skipped_total"), "the skipped checks are counted");
    }
}
