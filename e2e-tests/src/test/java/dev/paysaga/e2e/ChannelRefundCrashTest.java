package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refund through a channel survives channel-router dying under it: SIGKILL at the moment the router has
 * stored the refund and is calling Alipay. Whatever the moment, the refund is made at Alipay at most once
 * and exactly when the saga completes; and a router that cannot be reached at all fails the refund's Try at
 * once (nothing can have been sent), with nothing moved.
 */
class ChannelRefundCrashTest {
    static final String ROUTER = "channel-router-service";
    static final String ORCHESTRATOR = "saga-orchestrator";
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(150);

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void healthyAgain() {
        if (!Suite.alive(ROUTER)) {
            Suite.start(ROUTER, Map.of());
        }
        Suite.restart(ORCHESTRATOR, Map.of());
    }

    @Test
    void aRouterKilledMidRefundNeitherLosesTheRefundNorMakesItTwice() throws Exception {
        // A refund the router lost before Alipay got it can only end by the deadline's abandon: keep it short.
        Suite.restart(ORCHESTRATOR, Map.of("PAYSAGA_SAGA_CHANNEL_REFUNDS_WITHIN", "PT40S"));
        JsonPath paid = paidWithAlipay();
        String paymentId = paid.getString("payment_id");

        JsonPath refund = Payments.refund(paymentId, 1_000, null).then().statusCode(202).extract().jsonPath();
        String refundId = refund.getString("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> storedAtRouter(refundId));
        Suite.kill9(ROUTER);
        Suite.start(ROUTER, Map.of());

        await().atMost(SAGA_TIMEOUT).until(() -> List.of("completed", "cancelled")
                .contains(Payments.sagaStatus(refund.getString("saga_id"))));
        boolean completed = Payments.sagaStatus(refund.getString("saga_id")).equals("completed");
        assertEquals(completed ? "succeeded" : "failed", Payments.refundById(refundId).getString("status"));
        assertEquals(completed ? "10.00" : "0.00", refundedAtAlipay(paymentId), "refunded at Alipay exactly when the saga completed");
        assertEquals(completed ? 1_000 : 0, Payments.payment(paymentId).getLong("amount_refunded"));
        ConsistencyChecker.assertConsistent(List.of(paid.getString("saga_id"), refund.getString("saga_id")));
    }

    /**
     * A request that provably never left (connection refused) fails the Try at once ({@code channel_unavailable});
     * one written on a pooled connection the dead router had open may have arrived, so that Try waits and the
     * deadline ends it ({@code timeout}). Either way the Cancel must still ask the router (a Try that rolled back
     * after its call looks the same), so the saga ends once the router is back, with nothing moved.
     */
    @Test
    void aRouterThatCannotBeReachedFailsTheRefundWithNothingMoved() throws Exception {
        Suite.restart(ORCHESTRATOR, Map.of("PAYSAGA_SAGA_CHANNEL_REFUNDS_WITHIN", "PT30S"));
        JsonPath paid = paidWithAlipay();
        String paymentId = paid.getString("payment_id");
        Suite.kill9(ROUTER);

        JsonPath refund = Payments.refund(paymentId, 1_000, null).then().statusCode(202).extract().jsonPath();
        String sagaId = refund.getString("saga_id");
        await().atMost(Duration.ofSeconds(90)).until(() -> Payments.sagaStatus(sagaId).equals("cancelling"));
        Suite.start(ROUTER, Map.of());
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("cancelled"));
        JsonPath failed = Payments.refundById(refund.getString("id"));
        assertEquals("failed", failed.getString("status"));
        assertTrue(List.of("channel_unavailable", "timeout").contains(failed.getString("failure_code")),
                failed.getString("failure_code"));
        assertEquals("0.00", refundedAtAlipay(paymentId));
        assertEquals("succeeded", Payments.payment(paymentId).getString("status"));
        ConsistencyChecker.assertConsistent(List.of(paid.getString("saga_id"), refund.getString("saga_id")));
    }

    private static JsonPath paidWithAlipay() {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2);
        JsonPath started = given().contentType(ContentType.JSON).body("{\"method\":\"alipay\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay")
                .then().statusCode(202).extract().jsonPath();
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(started.getString("saga_id")).equals("completed"));
        return started;
    }

    private static boolean storedAtRouter(String refundId) throws SQLException {
        try (var db = Suite.database(ROUTER);
                var query = db.prepareStatement("select 1 from channel_refund where refund_id = ?")) {
            query.setString(1, refundId);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String refundedAtAlipay(String paymentId) {
        return given().get(Suite.url("channel-sandbox") + "/admin/channels/alipay/trades/" + paymentId)
                .then().statusCode(200).extract().path("refunded_amount");
    }
}
