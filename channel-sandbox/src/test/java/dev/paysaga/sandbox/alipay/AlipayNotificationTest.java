package dev.paysaga.sandbox.alipay;

import static dev.paysaga.sandbox.alipay.Sandbox.CLOSE;
import static dev.paysaga.sandbox.alipay.Sandbox.PRECREATE;
import static dev.paysaga.sandbox.alipay.Sandbox.precreateBiz;
import static dev.paysaga.sandbox.alipay.Sandbox.status;
import static dev.paysaga.sandbox.alipay.Sandbox.tradeBiz;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated customer and Alipay's asynchronous notifications, received by a real HTTP endpoint. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class AlipayNotificationTest {
    static final Duration QUIET = Duration.ofMillis(800); // longer than the whole test retry schedule (50+100+200+400 ms)
    Merchant merchant;
    NotifyReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new Merchant();
        receiver = new NotifyReceiver();
        Sandbox.normal();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        Sandbox.normal();
    }

    private String precreate(String amount) {
        String outTradeNo = Sandbox.newOutTradeNo();
        JsonPath answer = merchant.call(PRECREATE, precreateBiz(outTradeNo, amount), Map.of("notify_url", receiver.url()));
        assertEquals("10000", answer.getString("code"));
        return outTradeNo;
    }

    private JsonPath admin(String outTradeNo) {
        return given().get("/admin/channels/alipay/trades/" + outTradeNo).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPaymentIsNotifiedSignedAndRetriedUntilTheMerchantAnswersSuccess() {
        receiver.answering("success", "fail", "success\n");
        String outTradeNo = precreate("30.00");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().size() == 3);
        List<Map<String, String>> received = receiver.received();
        Map<String, String> notification = received.get(0);
        for (Map<String, String> attempt : received) {
            assertTrue(merchant.notificationSignedByAlipay(attempt), "sign over all but sign, sign_type: " + attempt);
            assertEquals(notification, attempt, "a retry is the same notification");
        }
        assertEquals("trade_status_sync", notification.get("notify_type"));
        assertEquals(Merchant.APP_ID, notification.get("app_id"));
        assertEquals("utf-8", notification.get("charset"));
        assertEquals("1.0", notification.get("version"));
        assertEquals("RSA2", notification.get("sign_type"));
        assertEquals(outTradeNo, notification.get("out_trade_no"));
        assertEquals("TRADE_SUCCESS", notification.get("trade_status"));
        assertEquals("30.00", notification.get("total_amount"));
        assertTrue(notification.get("gmt_payment").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), notification.toString());
        assertFalse(notification.get("notify_id").isEmpty());
        // The sign also covers sign_type's absence from the content: signing it in would not verify.
        assertFalse(merchant.signedByAlipay(Merchant.canonical(notification, "sign"), notification.get("sign")));

        JsonPath trade = admin(outTradeNo);
        assertEquals("TRADE_SUCCESS", trade.getString("status"));
        assertEquals(notification.get("trade_no"), trade.getString("trade_no"));
        assertEquals(3, trade.getInt("notifications_sent"));
        assertEquals(1, trade.getInt("notifications_acknowledged"));
        assertEquals("TRADE_SUCCESS", status(merchant, outTradeNo));
    }

    @Test
    void retriesAreBounded() {
        receiver.answering("fail");
        String outTradeNo = precreate("30.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 5); // %test max-attempts
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().size() == 5);
        assertEquals(5, admin(outTradeNo).getInt("notifications_sent"));
        assertEquals(0, admin(outTradeNo).getInt("notifications_acknowledged"));
    }

    @Test
    void aDeclineClosesTheTradeAndIsNotified() {
        Sandbox.behave("{\"decline_rate\":1}");
        String outTradeNo = precreate("30.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Map<String, String> notification = receiver.received().get(0);
        assertTrue(merchant.notificationSignedByAlipay(notification));
        assertEquals("TRADE_CLOSED", notification.get("trade_status"));
        assertNull(notification.get("gmt_payment"));
        assertEquals("TRADE_CLOSED", status(merchant, outTradeNo));
        assertFalse(admin(outTradeNo).getBoolean("closed_by_merchant"));
    }

    @Test
    void theCustomerActsAfterTheLatency() {
        Sandbox.behave("{\"latency_millis\":1500}");
        String outTradeNo = precreate("30.00");
        assertEquals("WAIT_BUYER_PAY", status(merchant, outTradeNo));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(merchant, outTradeNo).equals("TRADE_SUCCESS"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    }

    @Test
    void aSilentCustomerNeverPaysAndTheMerchantCloses() {
        Sandbox.behave("{\"silent\":true}");
        String outTradeNo = precreate("30.00");
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> status(merchant, outTradeNo).equals("WAIT_BUYER_PAY"));
        assertEquals("10000", merchant.call(CLOSE, tradeBiz(outTradeNo)).getString("code"));
        JsonPath trade = admin(outTradeNo);
        assertEquals("TRADE_CLOSED", trade.getString("status"));
        assertTrue(trade.getBoolean("closed_by_merchant"));
        assertEquals(0, trade.getInt("notifications_sent"));
        assertTrue(receiver.received().isEmpty());
        given().post("/admin/channels/alipay/trades/" + outTradeNo + "/notify").then().statusCode(409);
    }

    @Test
    void theMerchantClosingFirstWinsOverALateCustomer() {
        Sandbox.behave("{\"latency_millis\":1000}");
        String outTradeNo = precreate("30.00");
        assertEquals("10000", merchant.call(CLOSE, tradeBiz(outTradeNo)).getString("code"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> status(merchant, outTradeNo).equals("TRADE_CLOSED") && receiver.received().isEmpty());
        assertTrue(admin(outTradeNo).getBoolean("closed_by_merchant"));
    }

    @Test
    void neverNotifyWithholdsTheNotificationUntilTheAdminSendsItLate() {
        Sandbox.behave("{\"never_notify\":true}");
        String outTradeNo = precreate("30.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(merchant, outTradeNo).equals("TRADE_SUCCESS"));
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().isEmpty());

        given().post("/admin/channels/alipay/trades/" + outTradeNo + "/notify").then().statusCode(200)
                .body("acknowledged", equalTo(true)).body("forged", equalTo(false));
        assertEquals(1, receiver.received().size());
        assertTrue(merchant.notificationSignedByAlipay(receiver.received().get(0)));
        assertEquals("TRADE_SUCCESS", receiver.received().get(0).get("trade_status"));
    }

    @Test
    void theAdminSendsDuplicatesAndForgeries() {
        String outTradeNo = precreate("30.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

        receiver.answering("fail", "success");
        given().post("/admin/channels/alipay/trades/" + outTradeNo + "/notify").then().statusCode(200)
                .body("acknowledged", equalTo(true)).body("status", equalTo(200)).body("body", equalTo("success"));
        given().post("/admin/channels/alipay/trades/" + outTradeNo + "/notify?forge=true").then().statusCode(200)
                .body("acknowledged", equalTo(false)).body("forged", equalTo(true)).body("body", equalTo("fail"));

        List<Map<String, String>> received = receiver.received();
        assertEquals(3, received.size());
        assertEquals(received.get(0), received.get(1), "the duplicate is the same notification, notify_id included");
        Map<String, String> forged = received.get(2);
        assertEquals(received.get(0).get("notify_id"), forged.get("notify_id"));
        assertFalse(merchant.notificationSignedByAlipay(forged), "a forgery must not verify");
        assertEquals(3, admin(outTradeNo).getInt("notifications_sent"));
        assertEquals(2, admin(outTradeNo).getInt("notifications_acknowledged"));
    }

    @Test
    void unknownTradesAreNotFound() {
        given().get("/admin/channels/alipay/trades/nope").then().statusCode(404);
        given().post("/admin/channels/alipay/trades/nope/notify").then().statusCode(404);
    }
}
