package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Risk rules on whole wallet-payment sagas, every service a process: a blocked payment moves no money and fails with
 * risk_blocked; a burst from one customer alerts from exactly the payment the window says; a rule in shadow mode
 * changes no outcome. The rule set is global: this test adds its rules, scoped to its own customers, to whatever the
 * set holds, and takes them out again.
 */
class RiskTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String RULES = Suite.GATEWAY + "/v1/risk/rules";

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void aBlockedPaymentFailsWithRiskBlockedAndChangesNoBalance() {
        String customer = Payments.customer();
        Payments.topUp(customer, 100_000);
        String rule = "e2e_block_" + hex();
        withRules(List.of(Map.of("id", rule, "kind", "block_list", "field", "customer_id", "values", List.of(customer),
                "action", "block")), () -> {
            String orderId = Payments.order(customer, Orders.stockedSku(10), 2);
            JsonPath started = Payments.payWithWallet(orderId, null);
            await().atMost(WITHIN).until(() -> Payments.sagaStatus(started.getString("saga_id")).equals("cancelled"));

            JsonPath payment = Payments.payment(started.getString("payment_id"));
            assertEquals("failed", payment.getString("status"));
            assertEquals("risk_blocked", payment.getString("failure_code"));
            assertEquals(100_000, Payments.available(customer), "no money moved");
            assertEquals("pending_payment", Payments.orderStatus(orderId));
            Callers.asPlatform().get(Suite.GATEWAY + "/v1/risk/decisions/" + started.getString("payment_id")).then()
                    .statusCode(200).body("outcome", equalTo("block")).body("fired[0].rule_id", equalTo(rule));
            Callers.asPlatform().queryParam("payment_id", started.getString("payment_id")).get(Suite.GATEWAY + "/v1/risk/alerts")
                    .then().statusCode(200).body("data.size()", equalTo(1)).body("data[0].rule_id", equalTo(rule))
                    .body("data[0].action", equalTo("block"));
        });
    }

    @Test
    void aBurstAlertsFromTheFourthPaymentInTheWindowAndAShadowBlockChangesNothing() {
        String customer = Payments.customer();
        Payments.topUp(customer, 100_000);
        String burst = "e2e_burst_" + hex(), shadow = "e2e_shadow_" + hex();
        withRules(List.of(
                Map.of("id", burst, "kind", "frequency", "scope", "customer", "window", "PT10M", "max_count", 3,
                        "action", "alert"),
                Map.of("id", shadow, "kind", "block_list", "field", "customer_id", "values", List.of(customer),
                        "action", "block", "mode", "shadow")), () -> {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonPath paid = Payments.paidOrder(customer, WITHIN);
                assertEquals("succeeded", paid.getString("status"), "the shadow block blocks nothing");
                outcomes.add(Callers.asPlatform().get(Suite.GATEWAY + "/v1/risk/decisions/" + paid.getString("id"))
                        .then().statusCode(200).extract().path("outcome"));
            }
            assertEquals(List.of("allow", "allow", "allow", "alert"), outcomes, "more than 3 in the window: the 4th");
            assertEquals(100_000 - 4 * 3_000, Payments.available(customer));
        });
    }

    /** Adds {@code ours} to the current rule set, runs {@code test}, and puts the set back without them. */
    private static void withRules(List<Map<String, Object>> ours, Runnable test) {
        Set<Object> ids = Set.copyOf(ours.stream().map(rule -> rule.get("id")).toList());
        List<Map<String, Object>> current = Callers.asPlatform().get(RULES).then().statusCode(200).extract().path("rules");
        List<Map<String, Object>> with = new ArrayList<>(current);
        with.addAll(ours);
        put(with);
        try {
            test.run();
        } finally {
            List<Map<String, Object>> without = Callers.asPlatform().get(RULES).then().statusCode(200).extract().path("rules");
            put(without.stream().filter(rule -> !ids.contains(rule.get("id"))).toList());
        }
    }

    private static void put(List<Map<String, Object>> rules) {
        Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("rules", rules)).put(RULES).then().statusCode(200);
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
