package dev.paysaga.sandbox.unionpay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UnionPay ACP 5.1.0 (QR consume, query, consumeUndo, refund) as the sandbox plays it, over real HTTP. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class UnionPayGatewayTest {
    static final Duration WITHIN = Duration.ofSeconds(10);
    UnionPayMerchant merchant;
    UnionPayBackReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new UnionPayMerchant();
        receiver = new UnionPayBackReceiver();
        behave("{}");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        behave("{}");
    }

    static void behave(String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/channels/unionpay").then().statusCode(200);
    }

    private Map<String, String> call(String path, Map<String, String> fields) {
        Map<String, String> answer = merchant.post(path, merchant.signed(fields));
        merchant.assertSignedByUnionPay(answer);
        return answer;
    }

    private Map<String, String> query(String orderId, String txnTime) {
        return call("queryTrans.do", UnionPayMerchant.query(orderId, txnTime));
    }

    /** A consume the simulated customer pays; returns its query answer. */
    private Map<String, String> paid(long fen) {
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), fen, receiver.url());
        assertEquals("00", call("backTransReq.do", consume).get("respCode"));
        await().atMost(WITHIN).until(() -> "00".equals(query(consume.get("orderId"), consume.get("txnTime")).get("respCode")));
        return query(consume.get("orderId"), consume.get("txnTime"));
    }

    @Test
    void consumeIsAnsweredWithAQrCodeThenPaidNotifiedAndQueried() {
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 3000, receiver.url());
        Map<String, String> answer = call("backTransReq.do", consume);
        assertEquals("00", answer.get("respCode"));
        assertTrue(answer.get("qrCode").startsWith("https://qr.95516.com/"));
        assertEquals(consume.get("orderId"), answer.get("orderId"));

        await().atMost(WITHIN).until(() -> receiver.received().size() == 1);
        Map<String, String> notification = receiver.received().get(0);
        merchant.assertSignedByUnionPay(notification);
        assertEquals("00", notification.get("respCode"));
        assertEquals(consume.get("orderId"), notification.get("orderId"));
        assertEquals(consume.get("txnTime"), notification.get("txnTime"));
        assertEquals("3000", notification.get("txnAmt"));
        assertNotNull(notification.get("queryId"));

        Map<String, String> queried = query(consume.get("orderId"), consume.get("txnTime"));
        assertEquals("00", queried.get("respCode"));
        assertEquals("00", queried.get("origRespCode"));
        assertEquals(notification.get("queryId"), queried.get("queryId"));
        assertEquals("3000", queried.get("txnAmt"));
    }

    @Test
    void theSameConsumeAgainGetsTheSameQrCodeAndOtherValuesAreARepeat() {
        behave("{\"silent\":true}");
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 3000, receiver.url());
        String qrCode = call("backTransReq.do", consume).get("qrCode");
        assertEquals(qrCode, call("backTransReq.do", consume).get("qrCode"));
        consume.put("txnAmt", "3001");
        assertEquals("12", call("backTransReq.do", consume).get("respCode"));
    }

    /** Signed correctly, then one field changed, or the wrong certificate named: 11, nothing happens. */
    @ParameterizedTest
    @CsvSource({"txnAmt,1", "backUrl,http://attacker.example/back", "certId,123456789"})
    void aTamperedRequestIsRefusedWithNoEffect(String field, String value) {
        behave("{\"silent\":true}");
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 3000, receiver.url());
        Map<String, String> signed = merchant.signed(consume);
        signed.put(field, value);
        Map<String, String> answer = merchant.post("backTransReq.do", signed);
        merchant.assertSignedByUnionPay(answer);
        assertEquals("11", answer.get("respCode"));
        given().get("/admin/channels/unionpay/orders/" + consume.get("orderId")).then().statusCode(404);
    }

    @Test
    void anUnpaidQrCodeIsNoTransactionYetAndADeclinedOneFailed() {
        behave("{\"silent\":true}");
        Map<String, String> waiting = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 100, receiver.url());
        call("backTransReq.do", waiting);
        assertEquals("34", query(waiting.get("orderId"), waiting.get("txnTime")).get("respCode"));

        behave("{\"decline_rate\":1}");
        Map<String, String> declined = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 100, receiver.url());
        call("backTransReq.do", declined);
        await().atMost(WITHIN).until(() -> "00".equals(query(declined.get("orderId"), declined.get("txnTime")).get("respCode")));
        assertEquals("01", query(declined.get("orderId"), declined.get("txnTime")).get("origRespCode"));
        assertTrue(receiver.received().isEmpty(), "a failed payment is not notified");
    }

    @Test
    void aNotificationIsResentUntilHttp200AndTheAdminApiResendsAndForges() {
        receiver.answering(500, 503);
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 700, receiver.url());
        call("backTransReq.do", consume);
        await().atMost(WITHIN).until(() -> receiver.received().size() == 3);
        String orderId = consume.get("orderId");
        await().atMost(WITHIN).until(() -> given().get("/admin/channels/unionpay/orders/" + orderId).then()
                .statusCode(200).extract().jsonPath().getInt("notifications_acknowledged") == 1);
        assertEquals(3, given().get("/admin/channels/unionpay/orders/" + orderId).then().extract().jsonPath()
                .getInt("notifications_sent"));
        assertEquals(receiver.received().get(0), receiver.received().get(2), "the same signed notification each time");

        given().post("/admin/channels/unionpay/orders/" + orderId + "/notify").then().statusCode(200);
        assertEquals(receiver.received().get(0), receiver.received().get(3));
        given().post("/admin/channels/unionpay/orders/" + orderId + "/notify?forge=true").then().statusCode(200);
        Map<String, String> forged = receiver.received().get(4);
        assertFalse(forged.get("signature").equals(receiver.received().get(0).get("signature")));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> merchant.assertSignedByUnionPay(forged));
    }

    @Test
    void consumeUndoTheSameDayCancelsThePaymentOnce() {
        Map<String, String> paid = paid(3000);
        Map<String, String> undo = UnionPayMerchant.undoOrRefund("31", paid.get("queryId"), 3000, receiver.url());
        Map<String, String> answer = call("backTransReq.do", undo);
        assertEquals("00", answer.get("respCode"));
        assertEquals("00", query(undo.get("orderId"), undo.get("txnTime")).get("origRespCode"));
        await().atMost(WITHIN).until(() -> receiver.received().stream().anyMatch(n -> undo.get("orderId").equals(n.get("orderId"))));
        Map<String, String> notified = receiver.received().stream()
                .filter(n -> undo.get("orderId").equals(n.get("orderId"))).findFirst().orElseThrow();
        merchant.assertSignedByUnionPay(notified);
        assertEquals("31", notified.get("txnType"));
        assertEquals(paid.get("queryId"), notified.get("origQryId"));
        assertEquals(answer.get("queryId"), notified.get("queryId"));
        assertEquals("3000", notified.get("txnAmt"));
        assertEquals("UNDONE", given().get("/admin/channels/unionpay/orders/" + paid.get("orderId")).then()
                .extract().jsonPath().getString("state"));
        assertEquals("00", call("backTransReq.do", undo).get("respCode"), "the same undo again: the same answer");
        assertEquals(1, given().get("/admin/channels/unionpay/orders/" + undo.get("orderId")).then().extract().jsonPath()
                .getInt("notifications_sent"), "and no second notification");

        Map<String, String> again = UnionPayMerchant.undoOrRefund("31", paid.get("queryId"), 3000, receiver.url());
        assertEquals("10", call("backTransReq.do", again).get("respCode"));
        Map<String, String> refund = UnionPayMerchant.undoOrRefund("04", paid.get("queryId"), 100, receiver.url());
        assertEquals("10", call("backTransReq.do", refund).get("respCode"), "an undone payment cannot be refunded");
    }

    @Test
    void refundsUpToTheAmountAndNoFurther() {
        Map<String, String> paid = paid(1000);
        assertEquals("00", call("backTransReq.do",
                UnionPayMerchant.undoOrRefund("04", paid.get("queryId"), 400, receiver.url())).get("respCode"));
        assertEquals("10", call("backTransReq.do",
                UnionPayMerchant.undoOrRefund("04", paid.get("queryId"), 601, receiver.url())).get("respCode"));
        assertEquals("10", call("backTransReq.do",
                UnionPayMerchant.undoOrRefund("31", paid.get("queryId"), 1000, receiver.url())).get("respCode"),
                "no undo once refunded");
        assertEquals("00", call("backTransReq.do",
                UnionPayMerchant.undoOrRefund("04", paid.get("queryId"), 600, receiver.url())).get("respCode"));
        var view = given().get("/admin/channels/unionpay/orders/" + paid.get("orderId")).then().extract().jsonPath();
        assertEquals("REFUNDED", view.getString("state"));
        assertEquals(1000, view.getLong("refunded_amt"));
        assertEquals("34", call("backTransReq.do",
                UnionPayMerchant.undoOrRefund("04", "20260101000000999999999", 1, receiver.url())).get("respCode"));
    }

    @Test
    void failureRateAnswersHttp500WithoutEffect() {
        behave("{\"failure_rate\":1}");
        Map<String, String> consume = merchant.signed(UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 100, receiver.url()));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(consume)
                .post("/gateway/api/backTransReq.do").then().statusCode(500);
        given().get("/admin/channels/unionpay/orders/" + consume.get("orderId")).then().statusCode(404);
    }
}
