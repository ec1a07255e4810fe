package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.SandboxProcess;
import dev.paysaga.channel.wechatpay.WechatPayChannel;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WeChat Pay adapter against the real channel-sandbox over HTTP, both sides with keys made by
 * GenerateChannelKeys: create, the customer paying, the notification delivered and verified, query, close,
 * refunds, and a forged notification refused with no state change.
 */
@QuarkusTest
@TestProfile(SandboxProcess.Profile.class)
class WechatPaySandboxTest {
    @Inject
    Pool pool;
    @Inject
    WechatPayChannel wechatpay;
    Db db;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        behave("{}");
    }

    @AfterEach
    void tearDown() {
        behave("{}");
    }

    static void behave(String json) {
        given().contentType(ContentType.JSON).body(json)
                .put(SandboxProcess.url() + "/admin/channels/wechatpay").then().statusCode(200);
    }

    static JsonPath order(String pay) {
        return given().get(SandboxProcess.url() + "/admin/channels/wechatpay/orders/" + pay)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theCustomerPaysAndTheSignedEncryptedNotificationResolvesThePaymentOnce() {
        String pay = Ids.next("pay");

        Api.createWechatPay(pay, 3000).then().statusCode(201)
                .body("next_action.qr_code", startsWith("weixin://wxpay/bizpayurl?pr="));

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> order(pay).getInt("notifications_acknowledged") == 1);
        assertEquals(order(pay).getString("transaction_id"), db.transaction(pay).getString("channel_trade_no"));
        assertEquals(1, db.events(pay).size());

        // WeChat Pay resending it (same id, signed afresh) is acknowledged and changes nothing.
        given().post(SandboxProcess.url() + "/admin/channels/wechatpay/orders/" + pay + "/notify")
                .then().statusCode(200).body("acknowledged", equalTo(true)).body("status", equalTo(204));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void aPaymentWhoseNotificationNeverCameIsFoundByQueryAndAForgeryOfItIsRefused() {
        behave("{\"never_notify\":true}");
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 2500).then().statusCode(201);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        assertEquals(0, order(pay).getInt("notifications_sent"));

        JsonPath forged = given().post(SandboxProcess.url() + "/admin/channels/wechatpay/orders/" + pay + "/notify?forge=true")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(forged.getBoolean("acknowledged"));
        assertEquals(400, forged.getInt("status"));
        assertTrue(forged.getString("body").contains("\"code\":\"FAIL\""), forged.getString("body"));
        assertTrue(forged.getString("body").contains("bad_signature"), forged.getString("body"));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void closeClosesTheOrderAtTheSandbox() {
        behave("{\"silent\":true}");
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 100).then().statusCode(201);

        asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        JsonPath order = order(pay);
        assertEquals("CLOSED", order.getString("trade_state"));
        assertTrue(order.getBoolean("closed_by_merchant"));
        assertEquals("CLOSED", db.transaction(pay).getString("status"));
    }

    @Test
    void aDeclinedPaymentFailsThroughTheQuery() {
        behave("{\"decline_rate\":1}");
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 100).then().statusCode(201);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("FAILED"));
        assertEquals("PAYERROR", order(pay).getString("trade_state"));
    }

    @Test
    void aPaidOrderIsRefundedAtTheSandboxOnceAndNotPastItsTotal() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 3000).then().statusCode(201);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 1000, 3000, "CNY");
        assertInstanceOf(ChannelRefund.Processing.class, outcome(wechatpay.refund(refund)), "WeChat Pay pays back later");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outcome(wechatpay.queryRefund(refund)) instanceof ChannelRefund.Refunded);
        assertInstanceOf(ChannelRefund.Refunded.class, outcome(wechatpay.refund(refund)), "a repeat answers the same refund");

        ChannelRefund.Declined tooMuch = assertInstanceOf(ChannelRefund.Declined.class,
                outcome(wechatpay.refund(new ChannelRefund(pay, Ids.next("re"), 2001, 3000, "CNY"))));
        assertEquals("INVALID_REQUEST", tooMuch.channelCode());
        assertInstanceOf(ChannelRefund.NotFound.class,
                outcome(wechatpay.queryRefund(new ChannelRefund(pay, Ids.next("re"), 1, 3000, "CNY"))));
        assertEquals(1000, order(pay).getInt("refunded"));
        assertEquals("REFUND", order(pay).getString("trade_state"));
    }

    /** The day's trade bill, downloaded and checked against its SHA-1, shows the payment and the refund. */
    @Test
    void theTradeBillListsTheDaysPaymentsAndRefunds() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 2500).then().statusCode(201);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 700, 2500, "CNY");
        outcome(wechatpay.refund(refund));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outcome(wechatpay.queryRefund(refund)) instanceof ChannelRefund.Refunded);

        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        List<ChannelStatement.Line> ours = wechatpay.statement(today).await().atMost(Duration.ofSeconds(20)).lines()
                .stream().filter(line -> line.paymentId().equals(pay)).toList();
        assertEquals(2, ours.size(), ours.toString());
        assertEquals(ChannelStatement.Kind.PAYMENT, ours.get(0).kind());
        assertEquals(2500, ours.get(0).amountMinor());
        assertEquals(db.transaction(pay).getString("channel_trade_no"), ours.get(0).channelTradeNo());
        assertEquals(ChannelStatement.Kind.REFUND, ours.get(1).kind());
        assertEquals(refund.refundId(), ours.get(1).refundId());
        assertEquals(700, ours.get(1).amountMinor());
        assertTrue(wechatpay.statement(today.minusYears(5)).await().atMost(Duration.ofSeconds(20)).lines().isEmpty(),
                "a day without transactions is an empty statement");
    }

    private static ChannelRefund.Outcome outcome(io.smallrye.mutiny.Uni<ChannelRefund.Outcome> call) {
        return call.await().atMost(Duration.ofSeconds(20));
    }
}
