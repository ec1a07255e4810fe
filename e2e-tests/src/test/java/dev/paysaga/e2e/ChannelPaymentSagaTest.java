package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pay_order saga through a channel: channel-router-service speaks Alipay's protocol (RSA2
 * signatures both ways), WeChat Pay's, UnionPay's and Stripe's (manual capture) to channel-sandbox, whose simulated customer
 * pays, declines or never acts; {@code auto} lets the router choose.
 */
class ChannelPaymentSagaTest {
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void customerBehavesAgain() {
        behave("{\"latency_millis\":0,\"failure_rate\":0,\"decline_rate\":0,\"never_notify\":false,\"silent\":false}");
    }

    @Test
    void theCustomerPaysTheQrCodeAndEveryServiceAgrees() throws Exception {
        String sku = Orders.stockedSku(10);
        String orderId = Payments.order(Payments.customer(), sku, 2);

        JsonPath started = payWithAlipay(orderId).then().statusCode(202)
                .body("status", equalTo("processing"))
                .body("next_action.type", equalTo("qr_code"))
                .body("next_action.qr_code", startsWith("https://qr.alipay.com/"))
                .extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("succeeded", payment.getString("status"));
        assertEquals("alipay", payment.getString("channel"));
        assertEquals("TRADE_SUCCESS", trade(paymentId).getString("status"));
        assertEquals("30.00", trade(paymentId).getString("total_amount"));
        assertEquals(List.of("payment", "notification", "order", "channel", "funds"),
                Payments.saga(sagaId).getList("steps.step"));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    @Test
    void aDeclineAtTheChannelCancelsEverythingAndTheOrderStaysPayable() throws Exception {
        behave("{\"decline_rate\":1}");
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2);

        JsonPath started = payWithAlipay(orderId).then().statusCode(202).extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("cancelled"));
        assertEquals("channel_declined", Payments.saga(sagaId).getString("failure_code"));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("failed", payment.getString("status"));
        assertEquals("channel_declined", payment.getString("failure_code"));
        assertEquals("pending_payment", Payments.orderStatus(orderId));
        assertEquals("TRADE_CLOSED", trade(paymentId).getString("status"));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    @Test
    void aCustomerWhoNeverPaysTimesOutAndTheTransactionIsClosedAtTheChannel() throws Exception {
        behave("{\"silent\":true}");
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2);

        JsonPath started = payWithAlipay(orderId).then().statusCode(202).extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("cancelled"));
        assertEquals("timeout", Payments.saga(sagaId).getString("failure_code"));
        assertEquals("failed", Payments.payment(paymentId).getString("status"));
        assertEquals("pending_payment", Payments.orderStatus(orderId));
        JsonPath trade = trade(paymentId);
        assertEquals("TRADE_CLOSED", trade.getString("status"));
        assertTrue(trade.getBoolean("closed_by_merchant"), "PaySaga closed the transaction at the channel");
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    @Test
    void aLostNotificationIsMadeUpForByAnActiveQuery() throws Exception {
        behave("{\"never_notify\":true}");
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 1);

        String sagaId = payWithAlipay(orderId).then().statusCode(202).extract().path("saga_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    /**
     * A card payment through Stripe with manual capture: the sandbox's customer authorizes the
     * PaymentIntent (the webhook says requires_capture), and the saga's Confirm captures it.
     */
    @Test
    void aStripePaymentIsAuthorizedByTheCustomerAndCapturedWhenTheSagaConfirms() throws Exception {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2, "USD");

        JsonPath started = pay(orderId, "stripe").then().statusCode(202)
                .body("next_action.type", equalTo("client_secret")).extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        assertEquals("stripe", Payments.payment(paymentId).getString("channel"));
        String intentId = Callers.asService().get(Suite.url("channel-router-service") + "/internal/v1/channel_transactions/" + paymentId)
                .then().statusCode(200).extract().path("channel_transaction_id");
        JsonPath intent = given().get(Suite.url("channel-sandbox") + "/admin/channels/stripe/payment_intents/" + intentId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("succeeded", intent.getString("status"), "captured, not left authorized");
        assertEquals(3_000, intent.getLong("amount_received"));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    /** The other QR channels through the same saga: the sandbox's customer pays, every service agrees. */
    @ParameterizedTest
    @ValueSource(strings = {"wechatpay", "unionpay"})
    void theCustomerPaysAtWechatPayOrUnionPayAndTheSagaCompletes(String channel) throws Exception {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 1);

        JsonPath started = pay(orderId, channel).then().statusCode(202)
                .body("next_action.type", equalTo("qr_code")).extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals("paid", Payments.orderStatus(orderId));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("succeeded", payment.getString("status"));
        assertEquals(channel, payment.getString("channel"));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    /** {@code method: auto}: the router's table sends CNY on the web to Alipay, and the payment says so. */
    @Test
    void anAutoPaymentIsRoutedByTheTable() throws Exception {
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 1);

        JsonPath started = pay(orderId, "auto").then().statusCode(202)
                .body("next_action.type", equalTo("qr_code")).extract().jsonPath();
        String sagaId = started.getString("saga_id"), paymentId = started.getString("payment_id");

        await().atMost(SAGA_TIMEOUT).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        JsonPath payment = Payments.payment(paymentId);
        assertEquals("alipay", payment.getString("channel"));
        assertEquals("alipay", payment.getString("attempts[0].channel"), "the attempt the router recorded");
        assertEquals("created", payment.getString("attempts[0].outcome"));
        assertTrue(payment.getString("attempts[0].reason").contains("rule cny"), payment.getString("attempts[0].reason"));
        assertEquals("TRADE_SUCCESS", trade(paymentId).getString("status"));
        ConsistencyChecker.assertConsistent(List.of(sagaId));
    }

    private static io.restassured.response.Response pay(String orderId, String method) {
        return given().contentType(ContentType.JSON).body("{\"method\":\"" + method + "\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay");
    }

    private static io.restassured.response.Response payWithAlipay(String orderId) {
        return pay(orderId, "alipay");
    }

    private static void behave(String behaviour) {
        given().contentType(ContentType.JSON).body(behaviour)
                .put(Suite.url("channel-sandbox") + "/admin/channels/alipay").then().statusCode(200);
    }

    /** The trade as the sandbox (the channel's side) sees it. */
    private static JsonPath trade(String paymentId) {
        return given().get(Suite.url("channel-sandbox") + "/admin/channels/alipay/trades/" + paymentId)
                .then().statusCode(200).extract().jsonPath();
    }
}
