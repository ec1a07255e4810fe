package dev.paysaga.e2e.monitoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.e2e.Suite;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules evaluated by a real Prometheus against the running suite's metrics
 * (deploy/local/prometheus.sh: every service scraped and the rules evaluated every 2 s). Every target comes up,
 * every metric the alerts and the dashboard use is there, and a risk rule of this test's own — an active alert
 * rule for its own merchant — raises PaySagaRiskAlerts with payments of that merchant. Other tests' data may
 * fire other alerts meanwhile: only this rule's alert is looked at. The rule set is global: the rule is taken
 * out again.
 */
class LocalPrometheusTest {
    private static final String PROMETHEUS = "http://127.0.0.1:"
            + System.getenv().getOrDefault("PAYSAGA_PROMETHEUS_PORT", "9095");
    private static final String RULES = Suite.GATEWAY + "/v1/risk/rules";
    private static final String MERCHANT = "mer_e2e_monitoring";
    private static final Duration WITHIN = Duration.ofSeconds(90);

    private final String rule = "e2e_monitoring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void prometheus() {
        Suite.ensureRunning();
        prometheusSh("start");
    }

    @AfterAll
    static void stopPrometheus() {
        prometheusSh("stop");
    }

    @Test
    void theAlertingRulesRunOnTheServicesMetrics() {
        List<String> services = Suite.PORTS.keySet().stream().filter(name -> !name.equals("channel-sandbox")).toList();
        await().atMost(WITHIN).untilAsserted(() -> assertEquals(services.stream().sorted().toList(), targetsUp()));

        addRule();
        try {
            String first = payWithWallet();
            // Counters are created by their first event: Prometheus must have seen this one before the next
            // payment, or the step from nothing to 2 would be the series' first sample and no increase.
            await().atMost(WITHIN).until(() -> riskAlertsScraped() >= 1);
            payWithAlipay();
            await().atMost(WITHIN).until(() -> firing("PaySagaRiskAlerts", Map.of("rule", rule)));

            await().atMost(WITHIN).until(() -> Set.of("completed", "cancelled", "failed", "needs_attention")
                    .contains(platform().get(Suite.GATEWAY + "/v1/sagas/" + first).then().statusCode(200)
                            .extract().<String>path("status")));
            await().atMost(WITHIN).untilAsserted(() -> assertEquals(Set.of(), missingMetrics(),
                    "metrics the alerts or the dashboard use that no service exposes"));
            // PaySagaSagaLatencyHigh selects wallet sagas by this label.
            await().atMost(WITHIN).until(() -> query("paysaga_saga_duration_seconds_count{definition=\"pay_order_wallet\"}") > 0);
        } finally {
            removeRule();
        }
    }

    /** The jobs of the targets that answered their last scrape. */
    @SuppressWarnings("unchecked")
    private static List<String> targetsUp() {
        JsonPath targets = RestAssured.get(PROMETHEUS + "/api/v1/targets?state=active").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> active = targets.getList("data.activeTargets");
        return active.stream().filter(target -> "up".equals(target.get("health")))
                .map(target -> (String) ((Map<String, Object>) target.get("labels")).get("job")).sorted().toList();
    }

    private static Set<String> missingMetrics() {
        List<String> known = RestAssured.get(PROMETHEUS + "/api/v1/label/__name__/values").then().statusCode(200)
                .extract().jsonPath().getList("data", String.class);
        Set<String> missing = new TreeSet<>(Monitoring.metricNamesUsed());
        known.forEach(missing::remove);
        return missing;
    }

    private double riskAlertsScraped() {
        return query("paysaga_risk_alerts_total{rule=\"" + rule + "\"}");
    }

    /** The sum of what an instant query answers (each sample is [time, "value"]). */
    @SuppressWarnings("unchecked")
    private static double query(String promql) {
        List<Map<String, Object>> series = RestAssured.given().queryParam("query", promql).get(PROMETHEUS + "/api/v1/query")
                .then().statusCode(200).extract().jsonPath().getList("data.result");
        return series.stream().mapToDouble(s -> Double.parseDouble((String) ((List<Object>) s.get("value")).get(1))).sum();
    }

    @SuppressWarnings("unchecked")
    private static boolean firing(String alert, Map<String, String> labels) {
        List<Map<String, Object>> alerts = RestAssured.get(PROMETHEUS + "/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("data.alerts");
        return alerts.stream().filter(a -> "firing".equals(a.get("state"))).map(a -> (Map<String, Object>) a.get("labels"))
                .anyMatch(l -> alert.equals(l.get("alertname")) && l.entrySet().containsAll(labels.entrySet()));
    }

    /** An order of this test's merchant paid with a wallet that holds nothing: checked for risk, then cancelled. */
    private static String payWithWallet() {
        return pay("wallet").getString("saga_id");
    }

    /** The same with Alipay: the channel takes the payment (a QR code) and the customer never pays. */
    private static void payWithAlipay() {
        pay("alipay");
    }

    private static JsonPath pay(String method) {
        String sku = "sku_" + UUID.randomUUID().toString().substring(0, 12);
        platform().contentType(ContentType.JSON).queryParam("merchant_id", MERCHANT).body("{\"on_hand\":10}")
                .put(Suite.GATEWAY + "/v1/inventory/" + sku).then().statusCode(200);
        String order = platform().contentType(ContentType.JSON)
                .body("{\"merchant_id\":\"" + MERCHANT + "\",\"customer_id\":\"cus_e2e_monitoring\",\"currency\":\"CNY\","
                        + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unit_amount\":1500}]}")
                .post(Suite.GATEWAY + "/v1/orders").then().statusCode(201).extract().path("id");
        return platform().contentType(ContentType.JSON).body("{\"method\":\"" + method + "\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + order + "/pay").then().statusCode(202).extract().jsonPath();
    }

    /** The merchant where missing, and this test's rule added to the current set. */
    private void addRule() {
        int created = platform().contentType(ContentType.JSON)
                .body("{\"id\":\"" + MERCHANT + "\",\"name\":\"Monitoring test\"}").post(Suite.GATEWAY + "/v1/merchants")
                .statusCode();
        assertTrue(created == 201 || created == 409, "creating " + MERCHANT + " answered " + created);
        List<Map<String, Object>> rules = new ArrayList<>(currentRules());
        rules.add(Map.of("id", rule, "kind", "amount_above", "currency", "CNY", "amount", 0, "merchant_id", MERCHANT,
                "action", "alert"));
        putRules(rules);
    }

    private void removeRule() {
        putRules(currentRules().stream().filter(r -> !rule.equals(r.get("id"))).toList());
    }

    private static List<Map<String, Object>> currentRules() {
        return platform().get(RULES).then().statusCode(200).extract().path("rules");
    }

    private static void putRules(List<Map<String, Object>> rules) {
        platform().contentType(ContentType.JSON).body(Map.of("rules", rules)).put(RULES).then().statusCode(200);
    }

    private static RequestSpecification platform() {
        try {
            String key = Files.readString(Suite.ROOT.resolve(".paysaga/keys/platform.key")).strip();
            return RestAssured.given().header("Authorization", "Bearer " + key);
        } catch (IOException e) {
            throw new IllegalStateException("no .paysaga/keys/platform.key: services.sh writes it when it starts the suite", e);
        }
    }

    private static void prometheusSh(String command) {
        try {
            Process process = new ProcessBuilder("bash", Suite.ROOT.resolve("deploy/local/prometheus.sh").toString(), command)
                    .directory(Suite.ROOT.toFile()).inheritIO().start();
            assertEquals(0, process.waitFor(), "prometheus.sh " + command);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
