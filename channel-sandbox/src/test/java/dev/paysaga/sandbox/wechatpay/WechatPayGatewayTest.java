package dev.paysaga.sandbox.wechatpay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WeChat Pay API v3 as the sandbox plays it, driven by an independently written merchant over real HTTP. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class WechatPayGatewayTest {
    static final String NATIVE = "/v3/pay/transactions/native";
    static final String REFUNDS = "/v3/refund/domestic/refunds";
    static final Duration QUIET = Duration.ofMillis(800); // longer than the test retry schedule (50+100+200+400 ms)
    WechatMerchant merchant;
    WechatNotifyReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new WechatMerchant();
        receiver = new WechatNotifyReceiver();
        behave("{}");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        behave("{}");
    }

    static void behave(String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/channels/wechatpay").then().statusCode(200);
    }

    static String newOutTradeNo() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private String nativeBody(String outTradeNo, long total) {
        return WechatMerchant.nativeBody(outTradeNo, total).formatted(receiver.url());
    }

    private Response create(String outTradeNo, long total) {
        Response response = merchant.post(NATIVE, nativeBody(outTradeNo, total));
        merchant.assertSignedByWechatPay(response);
        return response;
    }

    private JsonPath query(String outTradeNo) {
        Response response = merchant.get("/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + WechatMerchant.MCHID);
        merchant.assertSignedByWechatPay(response);
        return response.then().statusCode(200).extract().jsonPath();
    }

    private Response close(String outTradeNo) {
        Response response = merchant.post("/v3/pay/transactions/out-trade-no/" + outTradeNo + "/close",
                "{\"mchid\":\"" + WechatMerchant.MCHID + "\"}");
        merchant.assertSignedByWechatPay(response);
        return response;
    }

    @Test
    void aSignedNativeOrderIsAnsweredWithASignedCodeUrlAndIsIdempotent() {
        behave("{\"silent\":true}");
        String outTradeNo = newOutTradeNo();

        String codeUrl = create(outTradeNo, 3000).then().statusCode(200).extract().path("code_url");

        assertTrue(codeUrl.startsWith("weixin://wxpay/bizpayurl?pr="), codeUrl);
        assertEquals(codeUrl, create(outTradeNo, 3000).then().statusCode(200).extract().path("code_url"));
        create(outTradeNo, 3001).then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("INVALID_REQUEST"));
        JsonPath order = query(outTradeNo);
        assertEquals("NOTPAY", order.getString("trade_state"));
        assertEquals(3000, order.getInt("amount.total"));
        assertEquals(WechatMerchant.MCHID, order.getString("mchid"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            body changed after signing
            path signed for another order
            signed by another key
            signed six minutes ago
            another certificate serial
            another schema
            no Authorization
            """)
    void aTamperedRequestIsRefusedWith401SignErrorAndChangesNothing(String tampering) throws Exception {
        String outTradeNo = newOutTradeNo();
        String body = nativeBody(outTradeNo, 100);
        long now = Instant.now().getEpochSecond();
        String authorization = switch (tampering) {
            case "path signed for another order" -> merchant.authorization("POST", "/v3/pay/transactions/jsapi", body);
            case "signed by another key" -> {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                yield merchant.authorization("POST", NATIVE, body, now, generator.generateKeyPair().getPrivate());
            }
            case "signed six minutes ago" -> merchant.authorization("POST", NATIVE, body, now - 360, merchant.merchantPrivate);
            case "another certificate serial" -> merchant.authorization("POST", NATIVE, body)
                    .replace(WechatMerchant.SERIAL, "0000000000000000000000000000000000000000");
            case "another schema" -> merchant.authorization("POST", NATIVE, body).replace("RSA2048", "RSA4096");
            case "no Authorization" -> null;
            default -> merchant.authorization("POST", NATIVE, body);
        };
        String sent = tampering.equals("body changed after signing") ? body.replace(":100,", ":1,") : body;

        Response response = WechatMerchant.send("POST", NATIVE, sent, authorization);

        response.then().statusCode(401).body("code", org.hamcrest.Matchers.equalTo("SIGN_ERROR"));
        merchant.assertSignedByWechatPay(response);
        merchant.get("/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + WechatMerchant.MCHID)
                .then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("ORDER_NOT_EXIST"));
    }

    @Test
    void theAuthorizationParametersMayComeInAnyOrder() {
        String outTradeNo = newOutTradeNo();
        String body = nativeBody(outTradeNo, 100);
        String header = merchant.authorization("POST", NATIVE, body);
        String token = header.substring("WECHATPAY2-SHA256-RSA2048 ".length());
        String[] parts = token.split(",");
        String reordered = "WECHATPAY2-SHA256-RSA2048 " + parts[4] + "," + parts[3] + "," + parts[0] + "," + parts[2] + "," + parts[1];

        WechatMerchant.send("POST", NATIVE, body, reordered).then().statusCode(200);
    }

    @Test
    void thePaymentIsNotifiedEncryptedAndSignedAndRetriedUntilAcknowledged() {
        receiver.answering(500, 404);
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 3000).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().size() == 3);
        var first = receiver.received().get(0);
        for (var attempt : receiver.received()) {
            assertTrue(merchant.signedByWechatPay(attempt.headers(), attempt.body()), "every delivery is signed");
            assertEquals(first.body(), attempt.body(), "a resend is the same notification");
            assertTrue(attempt.headers().get("Content-Type").startsWith("application/json"));
        }
        assertNotEquals(first.headers().get("Wechatpay-Nonce"), receiver.received().get(1).headers().get("Wechatpay-Nonce"),
                "each delivery is signed afresh");
        JsonPath notification = new JsonPath(first.body());
        assertEquals("TRANSACTION.SUCCESS", notification.getString("event_type"));
        assertEquals("encrypt-resource", notification.getString("resource_type"));
        assertEquals("AEAD_AES_256_GCM", notification.getString("resource.algorithm"));
        JsonPath transaction = new JsonPath(merchant.decrypt(notification.getString("resource.associated_data"),
                notification.getString("resource.nonce"), notification.getString("resource.ciphertext")));
        assertEquals(outTradeNo, transaction.getString("out_trade_no"));
        assertEquals("SUCCESS", transaction.getString("trade_state"));
        assertEquals(3000, transaction.getInt("amount.total"));
        assertEquals(WechatMerchant.MCHID, transaction.getString("mchid"));
        assertEquals(query(outTradeNo).getString("transaction_id"), transaction.getString("transaction_id"));

        JsonPath admin = given().get("/admin/channels/wechatpay/orders/" + outTradeNo).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, admin.getInt("notifications_sent"));
        assertEquals(1, admin.getInt("notifications_acknowledged"));
    }

    @Test
    void aFailedPaymentIsFoundByQueryAndNotNotified() {
        behave("{\"decline_rate\":1}");
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 100).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> query(outTradeNo).getString("trade_state").equals("PAYERROR"));
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().isEmpty());
    }

    @Test
    void closeIsA204SignedOverTheEmptyBodyAndAPaidOrderCannotBeClosed() {
        behave("{\"silent\":true}");
        String open = newOutTradeNo();
        create(open, 100).then().statusCode(200);

        Response closed = close(open);

        closed.then().statusCode(204);
        assertEquals("", closed.asString());
        assertEquals("CLOSED", query(open).getString("trade_state"));
        close(open).then().statusCode(204);
        create(open, 100).then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("ORDER_CLOSED"));

        behave("{}");
        String paid = newOutTradeNo();
        create(paid, 100).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(paid).getString("trade_state").equals("SUCCESS"));
        close(paid).then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("ORDER_PAID"));
        close(newOutTradeNo()).then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("ORDER_NOT_EXIST"));
    }

    @Test
    void failureRateAnswersSignedSystemErrorsThatChangeNothing() {
        behave("{\"failure_rate\":1}");
        String outTradeNo = newOutTradeNo();

        create(outTradeNo, 100).then().statusCode(500).body("code", org.hamcrest.Matchers.equalTo("SYSTEM_ERROR"));

        behave("{}");
        merchant.get("/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + WechatMerchant.MCHID)
                .then().statusCode(404);
    }

    @Test
    void neverNotifyWithholdsTheNotificationUntilTheAdminSendsItAndAForgeryDoesNotVerify() {
        behave("{\"never_notify\":true}");
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 700).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(outTradeNo).getString("trade_state").equals("SUCCESS"));
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.received().isEmpty());

        given().post("/admin/channels/wechatpay/orders/" + outTradeNo + "/notify").then().statusCode(200)
                .body("acknowledged", org.hamcrest.Matchers.equalTo(true));
        given().post("/admin/channels/wechatpay/orders/" + outTradeNo + "/notify?forge=true").then().statusCode(200)
                .body("forged", org.hamcrest.Matchers.equalTo(true));

        assertEquals(2, receiver.received().size());
        assertTrue(merchant.signedByWechatPay(receiver.received().get(0).headers(), receiver.received().get(0).body()));
        assertFalse(merchant.signedByWechatPay(receiver.received().get(1).headers(), receiver.received().get(1).body()));
        assertEquals(receiver.received().get(0).body(), receiver.received().get(1).body());
    }

    private Response refund(String outTradeNo, String outRefundNo, long refund, long total) {
        Response response = merchant.post(REFUNDS, """
                {"out_trade_no":"%s","out_refund_no":"%s","reason":"test","amount":{"refund":%d,"total":%d,"currency":"CNY"}}"""
                .formatted(outTradeNo, outRefundNo, refund, total));
        merchant.assertSignedByWechatPay(response);
        return response;
    }

    @Test
    void aPaidOrderIsRefundedInPartsEachRefundOnceAndNeverPastItsTotal() {
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 3000).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(outTradeNo).getString("trade_state").equals("SUCCESS"));

        JsonPath first = refund(outTradeNo, "re_a_" + outTradeNo, 1000, 3000).then().statusCode(200).extract().jsonPath();
        assertEquals("PROCESSING", first.getString("status"));
        assertEquals(1000, first.getInt("amount.refund"));
        assertEquals(first.getString("refund_id"),
                refund(outTradeNo, "re_a_" + outTradeNo, 1000, 3000).then().statusCode(200).extract().path("refund_id"),
                "the same out_refund_no is the same refund");
        refund(outTradeNo, "re_a_" + outTradeNo, 999, 3000).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        refund(outTradeNo, "re_b_" + outTradeNo, 2001, 3000).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        refund(outTradeNo, "re_c_" + outTradeNo, 100, 2999).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        assertEquals("REFUND", query(outTradeNo).getString("trade_state"));

        await().atMost(Duration.ofSeconds(10)).until(() -> refundQuery("re_a_" + outTradeNo).getString("status").equals("SUCCESS"));
        refund(outTradeNo, "re_d_" + outTradeNo, 2000, 3000).then().statusCode(200);
        given().get("/admin/channels/wechatpay/orders/" + outTradeNo).then().statusCode(200).body("refunded", equalTo(3000));
        Response unknown = merchant.get(REFUNDS + "/re_none");
        merchant.assertSignedByWechatPay(unknown);
        unknown.then().statusCode(404).body("code", equalTo("RESOURCE_NOT_EXISTS"));
    }

    @Test
    void aRefundAskedWithANotifyUrlIsNotifiedSignedAndEncryptedOnceItSucceeds() {
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 3000).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(outTradeNo).getString("trade_state").equals("SUCCESS"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1); // the payment's

        Response asked = merchant.post(REFUNDS, """
                {"out_trade_no":"%s","out_refund_no":"re_n_%s","reason":"test","notify_url":"%s",
                 "amount":{"refund":1200,"total":3000,"currency":"CNY"}}""".formatted(outTradeNo, outTradeNo, receiver.url()));
        asked.then().statusCode(200).body("status", equalTo("PROCESSING"));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        var delivery = receiver.received().get(1);
        assertTrue(merchant.signedByWechatPay(delivery.headers(), delivery.body()));
        JsonPath notification = new JsonPath(delivery.body());
        assertEquals("REFUND.SUCCESS", notification.getString("event_type"));
        assertEquals("refund", notification.getString("resource.original_type"));
        JsonPath refund = new JsonPath(merchant.decrypt(notification.getString("resource.associated_data"),
                notification.getString("resource.nonce"), notification.getString("resource.ciphertext")));
        assertEquals("re_n_" + outTradeNo, refund.getString("out_refund_no"));
        assertEquals(outTradeNo, refund.getString("out_trade_no"));
        assertEquals("SUCCESS", refund.getString("refund_status"));
        assertEquals(1200, refund.getInt("amount.refund"));
        assertEquals(WechatMerchant.MCHID, refund.getString("mchid"));
        assertEquals(refundQuery("re_n_" + outTradeNo).getString("refund_id"), refund.getString("refund_id"));
    }

    @Test
    void onlyAPaidOrderOfOursCanBeRefunded() {
        behave("{\"silent\":true}");
        String unpaid = newOutTradeNo();
        create(unpaid, 500).then().statusCode(200);
        refund(unpaid, "re_" + unpaid, 100, 500).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        refund(newOutTradeNo(), "re_x", 100, 500).then().statusCode(404).body("code", equalTo("RESOURCE_NOT_EXISTS"));
        WechatMerchant.send("POST", REFUNDS, "{}", "WECHATPAY2-SHA256-RSA2048 mchid=\"1\"").then().statusCode(401)
                .body("code", equalTo("SIGN_ERROR"));
    }

    private JsonPath refundQuery(String outRefundNo) {
        Response response = merchant.get(REFUNDS + "/" + outRefundNo);
        merchant.assertSignedByWechatPay(response);
        return response.then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theTradeBillIsOfferedWithItsHashAndDownloadedOnceBySignedRequest() throws Exception {
        String outTradeNo = newOutTradeNo();
        create(outTradeNo, 1234).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> query(outTradeNo).getString("trade_state").equals("SUCCESS"));

        String today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).toString();
        Response offer = merchant.get("/v3/bill/tradebill?bill_date=" + today + "&bill_type=ALL");
        merchant.assertSignedByWechatPay(offer);
        JsonPath bill = offer.then().statusCode(200).extract().jsonPath();
        assertEquals("SHA1", bill.getString("hash_type"));
        String path = java.net.URI.create(bill.getString("download_url")).getRawPath() + "?"
                + java.net.URI.create(bill.getString("download_url")).getRawQuery();

        WechatMerchant.send("GET", path, "", "WECHATPAY2-SHA256-RSA2048 mchid=\"1\"").then().statusCode(401);
        byte[] file = merchant.get(path).then().statusCode(200).extract().asByteArray();
        assertEquals(bill.getString("hash_value"),
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(file)));
        String text = new String(file, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith(WechatBills.HEADER + "\n"), text);
        assertTrue(text.lines().anyMatch(row -> row.contains(",`" + outTradeNo + ",`") && row.contains(",`SUCCESS,`")
                && row.contains(",`12.34,`")), text);
        assertTrue(text.contains(WechatBills.SUMMARY + "\n`"), text);
        merchant.get(path).then().statusCode(404).body("code", equalTo("RESOURCE_NOT_EXISTS")); // a token is good once

        merchant.get("/v3/bill/tradebill?bill_date=2000-01-01").then().statusCode(400).body("code", equalTo("NO_STATEMENT_EXIST"));
        merchant.get("/v3/bill/tradebill?bill_date=tomorrow").then().statusCode(400).body("code", equalTo("PARAM_ERROR"));
    }
}
