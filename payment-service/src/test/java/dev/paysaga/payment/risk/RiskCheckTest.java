package dev.paysaga.payment.risk;

import static dev.paysaga.payment.testing.PaymentCommands.payment;
import static dev.paysaga.payment.testing.RiskApi.unique;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.RiskAlert;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.payment.testing.PaymentCommands;
import dev.paysaga.payment.testing.RiskApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The risk check in the payment step's Try, driven through the real broker as the orchestrator drives it.
 * Each test puts a rule set of its own (rules scoped to its own fresh customers and merchants), so it holds
 * whatever set an earlier test or run left.
 */
@QuarkusTest
class RiskCheckTest {
    /** No later test or suite meets this test's rules. */
    @RegisterExtension
    final RiskApi.RulesRestored rules = new RiskApi.RulesRestored();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    ObjectMapper mapper;
    @Inject
    RedisDataSource redis;
    @Inject
    PaymentCommands commands;

    KafkaConsumer<String, byte[]> alerts;

    @BeforeEach
    void connect() {
        alerts = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "risk-check-test-" + UUID.randomUUID(), "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = alerts.partitionsFor(Topics.RISK_ALERTS).stream()
                .map(p -> new TopicPartition(Topics.RISK_ALERTS, p.partition())).toList();
        alerts.assign(partitions);
        alerts.seekToEnd(partitions);
        partitions.forEach(alerts::position); // the start is fixed before any payment is tried
    }

    @AfterEach
    void close() {
        alerts.close();
    }

    @Test
    void aBurstFromOneCustomerFiresTheFrequencyRuleFromTheFourthPaymentInTheWindow() {
        String customer = unique("cus");
        String merchant = unique("mer");
        String rule = unique("burst");
        int version = RiskApi.put(List.of(Map.of("id", rule, "kind", "frequency", "scope", "customer",
                "window", "PT1M", "max_count", 3, "action", "alert", "mode", "active")));

        List<String> outcomes = new ArrayList<>();
        List<PaymentInstruction> payments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PaymentInstruction p = payment(merchant, customer, 1_000, "CNY");
            payments.add(p);
            assertEquals("TRIED", commands.branch(commands.tried(p)), "an alert lets the payment proceed");
            outcomes.add(RiskApi.decision(p.paymentId()).getString("outcome"));
        }

        assertEquals(List.of("allow", "allow", "allow", "alert", "alert"), outcomes);
        JsonPath fourth = RiskApi.decision(payments.get(3).paymentId());
        assertEquals(version, fourth.getInt("rules_version"));
        assertEquals(List.of(rule), fourth.getList("fired.rule_id"));
        assertEquals("PROCESSING", commands.paymentState(payments.get(3).paymentId()));
        assertEquals(5, redis.sortedSet(String.class).zcard("risk:velocity:" + rule + ":customer:" + customer),
                "each payment counted once in the customer's window");
    }

    @Test
    void aPaymentAfterTheWindowHasPassedIsNotCountedWithTheOnesBefore() {
        String customer = unique("cus");
        String merchant = unique("mer");
        String rule = unique("once_a_second");
        RiskApi.put(List.of(Map.of("id", rule, "kind", "frequency", "scope", "customer", "window", "PT1S",
                "max_count", 1, "action", "block")));

        PaymentInstruction first = payment(merchant, customer, 500, "CNY");
        commands.tried(first);
        PaymentInstruction second = payment(merchant, customer, 500, "CNY");
        assertEquals("TRY_FAILED risk_blocked", commands.branch(commands.tried(second)), "two within a second");
        Instant windowOver = Instant.parse(RiskApi.decision(second.paymentId()).getString("evaluated_at"))
                .plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(windowOver));
        PaymentInstruction later = payment(merchant, customer, 500, "CNY");

        assertEquals("TRIED", commands.branch(commands.tried(later)));
        assertEquals("allow", RiskApi.decision(first.paymentId()).getString("outcome"));
        assertEquals("allow", RiskApi.decision(later.paymentId()).getString("outcome"));
        assertEquals(List.of(later.paymentId() + ":500"),
                redis.sortedSet(String.class).zrange("risk:velocity:" + rule + ":customer:" + customer, 0, -1),
                "the window holds only the payment of the last second");
    }

    @Test
    void aFrequencyRuleOnAmountCountsOnlyItsCurrencyPerMerchant() {
        String merchant = unique("mer");
        String rule = unique("merchant_volume");
        RiskApi.put(List.of(Map.of("id", rule, "kind", "frequency", "scope", "merchant", "window", "PT1M",
                "max_amount", 10_000, "currency", "CNY", "action", "alert")));

        List<String> outcomes = new ArrayList<>();
        for (var p : List.of(payment(merchant, unique("cus"), 6_000, "CNY"), payment(merchant, unique("cus"), 9_000, "USD"),
                payment(merchant, unique("cus"), 4_000, "CNY"), payment(merchant, unique("cus"), 1, "CNY"))) {
            commands.tried(p);
            outcomes.add(RiskApi.decision(p.paymentId()).getString("outcome"));
        }

        assertEquals(List.of("allow", "allow", "allow", "alert"), outcomes, "10 000.01 CNY is more than 10 000");
    }

    @Test
    void anAmountThresholdAppliesToItsCurrencyAndItsMerchantOnly() {
        String merchant = unique("mer");
        String other = unique("mer");
        String cny = unique("big_cny");
        String usd = unique("big_usd");
        RiskApi.put(List.of(
                Map.of("id", cny, "kind", "amount_above", "currency", "CNY", "amount", 10_000, "merchant_id", merchant,
                        "action", "alert"),
                Map.of("id", usd, "kind", "amount_above", "currency", "USD", "amount", 5_000, "merchant_id", merchant,
                        "action", "block")));

        assertEquals("allow", outcome(payment(merchant, unique("cus"), 10_000, "CNY")), "not above");
        assertEquals("alert", outcome(payment(merchant, unique("cus"), 10_001, "CNY")));
        assertEquals("allow", outcome(payment(other, unique("cus"), 50_000, "CNY")), "another merchant");
        assertEquals("allow", outcome(payment(merchant, unique("cus"), 10_001, "JPY")), "another currency");
        assertEquals("block", outcome(payment(merchant, unique("cus"), 5_001, "USD")));
    }

    @Test
    void aBlockedPaymentsTryRefusesWithRiskBlockedAndThePaymentFailsWithItsDecisionAndAlertKept() throws IOException {
        String customer = unique("cus");
        String rule = unique("blocked_customers");
        int version = RiskApi.put(List.of(Map.of("id", rule, "kind", "block_list", "field", "customer_id",
                "values", List.of(customer), "action", "block")));
        PaymentInstruction p = payment(unique("mer"), customer, 2_500, "CNY");

        String sagaId = commands.tried(p);

        assertEquals("TRY_FAILED risk_blocked", commands.branch(sagaId));
        assertEquals("FAILED risk_blocked", commands.paymentState(p.paymentId()), "no payment is left processing");
        JsonPath decision = RiskApi.decision(p.paymentId());
        assertEquals("block", decision.getString("outcome"));
        assertEquals(List.of("block"), decision.getList("fired.action"));
        assertEquals(List.of("active"), decision.getList("fired.mode"));
        RiskAlert alert = awaitAlerts(p.paymentId(), 1).get(0);
        assertEquals(new RiskAlert(alert.alertId(), p.paymentId(), p.merchantId(), customer, rule, version, "block",
                "active", 2_500, "CNY", alert.at()), alert);
        assertTrue(alert.alertId().startsWith("ral_"), alert.alertId());

        // The saga cancels: the refused branch's Cancel succeeds and the payment keeps its reason.
        commands.send(PaymentCommands.command(sagaId, SagaCommand.CANCEL, p, "risk_blocked"), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.branch(sagaId).startsWith("CANCELLED"));
        assertEquals("FAILED risk_blocked", commands.paymentState(p.paymentId()));
        assertEquals(1, RiskApi.alerts(p.paymentId(), 1).getList("data").size());
    }

    @Test
    void aShadowRuleIsRecordedAndAlertedButThePaymentIsAllowed() throws IOException {
        String merchant = unique("mer");
        String rule = unique("shadow_block");
        RiskApi.put(List.of(Map.of("id", rule, "kind", "block_list", "field", "merchant_id", "values", List.of(merchant),
                "action", "block", "mode", "shadow")));
        PaymentInstruction p = payment(merchant, unique("cus"), 700, "EUR");

        assertEquals("TRIED", commands.branch(commands.tried(p)));

        assertEquals("PROCESSING", commands.paymentState(p.paymentId()));
        JsonPath decision = RiskApi.decision(p.paymentId());
        assertEquals("allow", decision.getString("outcome"));
        assertEquals(List.of(Map.of("rule_id", rule, "kind", "block_list", "action", "block", "mode", "shadow")),
                decision.getList("fired"));
        assertEquals("shadow", awaitAlerts(p.paymentId(), 1).get(0).mode());
        assertEquals(List.of("shadow"), RiskApi.alerts(p.paymentId(), 1).getList("data.mode"));
    }

    @Test
    void aRedeliveredTryMakesNoSecondDecisionCountOrAlert() throws IOException {
        String customer = unique("cus");
        String counted = unique("counted");
        String watched = unique("watched");
        RiskApi.put(List.of(
                Map.of("id", counted, "kind", "frequency", "scope", "customer", "window", "PT1M", "max_count", 5,
                        "action", "alert"),
                Map.of("id", watched, "kind", "block_list", "field", "customer_id", "values", List.of(customer),
                        "action", "alert")));
        PaymentInstruction p = payment(unique("mer"), customer, 900, "CNY");
        String sagaId = commands.tried(p);
        String messageId = UUID.randomUUID().toString();

        // The same Try again: redelivered (same message id) and resent by the orchestrator (a new one).
        commands.send(PaymentCommands.command(sagaId, SagaCommand.TRY, p, null), messageId);
        commands.send(PaymentCommands.command(sagaId, SagaCommand.TRY, p, null), messageId);
        commands.send(PaymentCommands.command(sagaId, SagaCommand.TRY, p, null), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.count(
                "select count(*) from inbox_message where message_id = $1", Tuple.of(messageId)) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.count(
                "select count(*) from outbox_message where saga_id = $1 and type = 'saga.reply'", Tuple.of(sagaId)) >= 3);

        assertEquals(1, commands.count("select count(*) from risk_decision where payment_id = $1", Tuple.of(p.paymentId())));
        assertEquals(1, commands.count("select count(*) from risk_alert where payment_id = $1", Tuple.of(p.paymentId())));
        assertEquals(1, redis.sortedSet(String.class).zcard("risk:velocity:" + counted + ":customer:" + customer));
        assertEquals("TRIED", commands.branch(sagaId));
    }

    @Test
    void alertsArePagedByIdAndTheCheckIsOnTheMetrics() throws IOException {
        String customer = unique("cus");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            rules.add(Map.of("id", unique(name), "kind", "block_list", "field", "customer_id", "values", List.of(customer),
                    "action", "alert"));
        }
        RiskApi.put(rules);
        PaymentInstruction p = payment(unique("mer"), customer, 300, "GBP");
        commands.tried(p);
        List<String> ids = RiskApi.alerts(p.paymentId(), 3).getList("data.id");

        JsonPath page = asPlatform().queryParam("payment_id", p.paymentId())
                .queryParam("limit", 2).get("/v1/risk/alerts").then().statusCode(200).extract().jsonPath();
        JsonPath rest = asPlatform().queryParam("payment_id", p.paymentId())
                .queryParam("limit", 2).queryParam("starting_after", ids.get(1)).get("/v1/risk/alerts").then()
                .statusCode(200).extract().jsonPath();

        assertEquals(ids.subList(0, 2), page.getList("data.id"));
        assertTrue(page.getBoolean("has_more"));
        assertEquals(ids.subList(2, 3), rest.getList("data.id"));
        assertEquals(false, rest.getBoolean("has_more"));
        assertEquals(3, awaitAlerts(p.paymentId(), 3).size());
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("paysaga_risk_check_seconds_count"), "the check's timer");
        assertTrue(metrics.contains("paysaga_risk_decisions_total{outcome=\"alert\""), "decisions by outcome");
        assertTrue(metrics.contains("rule=\"" + rules.get(0).get("id") + "\""), "alerts by rule");
        Logger.getLogger(RiskCheckTest.class).infof("risk check: median %.2f ms, mean %.2f ms over this run's %.0f payments",
                1000 * metric(metrics, "paysaga_risk_check_seconds{quantile=\"0.5\""),
                1000 * metric(metrics, "paysaga_risk_check_seconds_sum") / metric(metrics, "paysaga_risk_check_seconds_count"),
                metric(metrics, "paysaga_risk_check_seconds_count"));
    }

    /** The sum of the samples whose line starts with {@code prefix} (a name, or a name and its first tag). */
    private static double metric(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String outcome(PaymentInstruction p) {
        commands.tried(p);
        return RiskApi.decision(p.paymentId()).getString("outcome");
    }

    /** The payment's alerts as read from risk.alerts, once there are as many as expected. */
    private List<RiskAlert> awaitAlerts(String paymentId, int expected) throws IOException {
        List<RiskAlert> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, byte[]> r : alerts.poll(Duration.ofMillis(200))) {
                if (paymentId.equals(r.key())) {
                    assertEquals(RiskAlert.TYPE, new String(r.headers().lastHeader("ce_type").value(),
                            StandardCharsets.UTF_8));
                    found.add(mapper.readValue(r.value(), RiskAlert.class));
                }
            }
            return found.size() >= expected;
        });
        assertEquals(expected, found.size());
        return found;
    }
}
