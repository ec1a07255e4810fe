package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every process of the suite comes up ready, with its health, metrics and API description. */
class SuiteReadinessTest {
    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    static Iterable<String> services() {
        return Suite.PORTS.keySet().stream().filter(s -> !s.equals("channel-sandbox")).toList();
    }

    @ParameterizedTest
    @MethodSource("services")
    void readinessCoversPostgresKafkaAndRedis(String service) {
        given().get(Suite.url(service) + "/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Kafka connection health check",
                        "Redis connection health check"));
        given().get(Suite.url(service) + "/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesPrometheusMetricsAndOpenApi(String service) {
        given().get(Suite.url(service) + "/q/metrics").then().statusCode(200)
                .body(containsString("paysaga_outbox_pending"))
                .body(containsString("paysaga_outbox_publish_latency_seconds"));
        given().get(Suite.url(service) + "/q/openapi").then().statusCode(200)
                .body(containsString("PaySaga " + service));
    }

    @org.junit.jupiter.api.Test
    void channelSandboxIsReady() {
        given().get(Suite.url("channel-sandbox") + "/q/health/ready").then().statusCode(200);
        given().get(Suite.url("channel-sandbox") + "/admin/channels").then().statusCode(200)
                .body("stripe.decline_rate", equalTo(0.0f));
    }
}
