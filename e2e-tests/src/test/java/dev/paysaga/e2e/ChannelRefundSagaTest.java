package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The refund saga of a payment taken through a channel, all services as processes against channel-sandbox:
 * the money goes back at the channel (never twice, never past what it took), the ledger moves it from the
 * merchant's settlement to the channel's clearing account, and the merchant hears refund.succeeded.
 */
class ChannelRefundSagaTest {
    static final Duration SAGA_TIMEOUT = ChannelPaymentSagaTest.SAGA_TIMEOUT;

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void anAlipayPaymentIsRefundedAtAlipayInPartsAndNoFurther() throws Exception {
        JsonPath paid = paidThrough("alipay", "CNY");
        String paymentId = paid.getString("payment_id");
        long clearingBefore = clearingBalance("alipay", "CNY");

        JsonPath partial = Payments.refund(paymentId, 1_000, null).then().statusCode(202)
                .body("status", equalTo("pending")).extract().jsonPath();
        awaitRefund(partial, "succeeded");
        assertEquals("partially_refunded", Payments.payment(paymentId).getString("status"));
        assertEquals("10.00", alipayTrade(paymentId).getString("refunded_amount"), "refunded at the channel");
        assertEquals(clearingBefore - 1_000, clearingBalance("alipay", "CNY"), "the channel owes us that much less");

        Payments.refund(paymentId, 2_001, null).then().statusCode(422).body("code", equalTo("refund_exceeds_remaining"));
        JsonPath rest = Payments.refund(paymentId, 2_000, null).then().statusCode(202).extract().jsonPath();
        awaitRefund(rest, "succeeded");
        assertEquals("refunded", Payments.payment(paymentId).getString("status"));
        assertEquals("30.00", alipayTrade(paymentId).getString("refunded_amount"));

        await().atMost(SAGA_TIMEOUT).until(() -> Orders.eventsAbout(partial.getString("id")).stream()
                .map(e -> e.get("type")).toList().equals(List.of("refund.succeeded")));
        assertEquals(List.of("refund", "notification", "funds", "channel"),
                Payments.saga(partial.getString("saga_id")).getList("steps.step"));
        ConsistencyChecker.assertConsistent(List.of(paid.getString("saga_id"), partial.getString("saga_id"),
                rest.getString("saga_id")));
    }

    /**
     * WeChat Pay finishes refunds later (PROCESSING, then SUCCESS found by the router's refund query): the
     * channel step answers when it hears; UnionPay and Stripe answer at once.
     */
    @ParameterizedTest
    @CsvSource({"wechatpay,CNY", "unionpay,CNY", "stripe,USD"})
    void aPaymentIsRefundedAtItsChannel(String channel, String currency) throws Exception {
        JsonPath paid = paidThrough(channel, currency);
        String paymentId = paid.getString("payment_id");

        JsonPath refund = Payments.refund(paymentId, 3_000, null).then().statusCode(202).extract().jsonPath();
        awaitRefund(refund, "succeeded");
        assertEquals("refunded", Payments.payment(paymentId).getString("status"));
        JsonPath atRouter = Callers.asService().get(Suite.url("channel-router-service") + "/internal/v1/channel_transactions/"
                + paymentId + "/refunds/" + refund.getString("id")).then().statusCode(200).extract().jsonPath();
        assertEquals("succeeded", atRouter.getString("status"));
        assertEquals(channel, atRouter.getString("channel"));
        ConsistencyChecker.assertConsistent(List.of(paid.getString("saga_id"), refund.getString("saga_id")));
    }

    /** An order of 2 × 1,500 paid through {@code channel} by the sandbox's customer, saga completed. */
    private static JsonPath paidThrough(String channel, String currency) {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2, currency);
        JsonPath started = given().contentType(ContentType.JSON)
                .body("{\"method\":\"" + channel + "\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay")
                .then().statusCode(202).extract().jsonPath();
        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(started.getString("saga_id")).equals("completed"));
        return started;
    }

    private static void awaitRefund(JsonPath refund, String status) {
        await().atMost(SAGA_TIMEOUT).until(() -> List.of("completed", "cancelled")
                .contains(Payments.sagaStatus(refund.getString("saga_id"))));
        assertEquals(status, Payments.refundById(refund.getString("id")).getString("status"));
    }

    private static JsonPath alipayTrade(String paymentId) {
        return given().get(Suite.url("channel-sandbox") + "/admin/channels/alipay/trades/" + paymentId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The channel clearing account's posted balance (debits − credits: what the channel holds for us). */
    private static long clearingBalance(String channel, String currency) throws Exception {
        try (var db = Suite.database("ledger-service");
                var query = db.prepareStatement("select coalesce(sum(debits_posted - credits_posted), 0) from account"
                        + " where type = 'CHANNEL_CLEARING' and owner_id = ? and currency = ?")) {
            query.setString(1, channel);
            query.setString(2, currency);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
