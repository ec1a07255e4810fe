package dev.paysaga.sandbox.wechatpay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import dev.paysaga.sandbox.statements.Discrepancies;
import dev.paysaga.sandbox.statements.ScriptedStatementCheck;
import dev.paysaga.sandbox.statements.StatementLine;
import dev.paysaga.sandbox.statements.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted WeChat Pay trade bill, fetched as a merchant does (the signed bill request, the download, its SHA-1)
 * and read from WeChat Pay's CSV by column name, its summary row checked against its rows; and paid-after-close,
 * notified like any payment.
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class WechatScriptedStatementTest {
    WechatMerchant merchant;
    WechatNotifyReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new WechatMerchant();
        receiver = new WechatNotifyReceiver();
        WechatPayGatewayTest.behave("{}");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        WechatPayGatewayTest.behave("{}");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(8));
    }

    private void create(String paymentId, long total) {
        merchant.post("/v3/pay/transactions/native", WechatMerchant.nativeBody(paymentId, total).formatted(receiver.url()))
                .then().statusCode(200);
    }

    private String state(String paymentId) {
        return merchant.get("/v3/pay/transactions/out-trade-no/" + paymentId + "?mchid=" + WechatMerchant.MCHID)
                .then().statusCode(200).extract().path("trade_state");
    }

    private void paid(String paymentId, long total) {
        create(paymentId, total);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(paymentId).equals("SUCCESS"));
    }

    /** A refund asked for and awaited until WeChat Pay paid it back (it is billed from then on). */
    private void refunded(String paymentId, String refundId, long refund, long total) {
        merchant.post("/v3/refund/domestic/refunds", "{\"out_trade_no\":\"" + paymentId + "\",\"out_refund_no\":\"" + refundId
                + "\",\"amount\":{\"refund\":" + refund + ",\"total\":" + total + ",\"currency\":\"CNY\"}}").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCESS".equals(merchant.get("/v3/refund/domestic/refunds/" + refundId)
                .then().statusCode(200).extract().path("status")));
    }

    @Test
    void everyScriptedDiscrepancyIsInTheBillAndNothingElseChanged() {
        Discrepancies d = new Discrepancies();
        d.paid().forEach(paymentId -> paid(paymentId, Discrepancies.PAID));
        refunded(d.refunded, d.droppedRefund, Discrepancies.FIRST_REFUND, Discrepancies.PAID);
        refunded(d.refunded, d.reAmountedRefund, Discrepancies.SECOND_REFUND, Discrepancies.PAID);
        new ScriptedStatementCheck("wechatpay", today(), () -> bill(today()), refundId -> refundId).assertScripted(d, null);
    }

    @Test
    void theMadeUpNumbersAreWechatPaysShapes() {
        LocalDate longAgo = LocalDate.of(2002, 1, 1).plusDays(new java.util.Random().nextInt(360));
        String claimed = TestIds.payment();
        paid(claimed, 100);
        try {
            JsonPath stored = ScriptedStatementCheck.put("wechatpay", longAgo, "{\"refunds\": [{\"payment_id\": \"" + claimed
                    + "\", \"amount\": 100}], \"extra\": [{\"payment_id\": \"" + TestIds.payment() + "\", \"amount\": 1}]}");
            assertTrue(stored.getString("extra[0].channel_trade_no").matches("4200[0-9]{24}"), stored.prettify());
            assertTrue(stored.getString("refunds[0].channel_refund_id").matches("5030[0-9]{25}"), stored.prettify());
            assertTrue(stored.getString("refunds[0].refund_id").startsWith("re_sandbox_"), stored.prettify());
            assertEquals(longAgo + "T15:59:59Z", stored.getString("added_at"), "a day gone: its last second, Beijing");
            assertEquals(2, bill(longAgo).size(), "a day without trades is billed with what the script adds");
        } finally {
            ScriptedStatementCheck.delete("wechatpay", longAgo);
        }
    }

    @Test
    void aClosedOrderPaidAfterCloseIsNotifiedQueriedBilledAndRefunded() {
        String paymentId = TestIds.payment();
        WechatPayGatewayTest.behave("{\"silent\":true}");
        create(paymentId, 4200);
        WechatPayGatewayTest.behave("{}");
        merchant.post("/v3/pay/transactions/out-trade-no/" + paymentId + "/close", "{\"mchid\":\"" + WechatMerchant.MCHID + "\"}")
                .then().statusCode(204);
        assertEquals("CLOSED", state(paymentId));

        JsonPath paid = given().post("/admin/channels/wechatpay/payments/" + paymentId + "/paid-after-close").then()
                .statusCode(200).body("status", equalTo("SUCCESS")).body("amount", equalTo(4200)).extract().jsonPath();
        assertEquals("SUCCESS", state(paymentId));
        // As every WeChat Pay payment: a TRANSACTION.SUCCESS notification, signed by the platform.
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        WechatNotifyReceiver.Received notification = receiver.received().get(0);
        assertTrue(merchant.signedByWechatPay(notification.headers(), notification.body()));
        assertTrue(notification.body().contains("TRANSACTION.SUCCESS"), notification.body());
        assertTrue(bill(today()).contains(StatementLine.payment(paymentId, paid.getString("channel_trade_no"), 4200, "CNY")));

        String refundId = TestIds.refund();
        refunded(paymentId, refundId, 4200, 4200);
        assertTrue(bill(today()).contains(StatementLine.refund(paymentId, paid.getString("channel_trade_no"), refundId, 4200, "CNY")));
        given().post("/admin/channels/wechatpay/payments/" + paymentId + "/paid-after-close").then().statusCode(409);
    }

    @Test
    void neverNotifyWithholdsThePaidAfterCloseNotification() {
        String paymentId = TestIds.payment();
        WechatPayGatewayTest.behave("{\"silent\":true,\"never_notify\":true}");
        create(paymentId, 100);
        merchant.post("/v3/pay/transactions/out-trade-no/" + paymentId + "/close", "{\"mchid\":\"" + WechatMerchant.MCHID + "\"}")
                .then().statusCode(204);
        given().post("/admin/channels/wechatpay/payments/" + paymentId + "/paid-after-close").then().statusCode(200);
        assertEquals("SUCCESS", state(paymentId));
        await().during(WechatPayGatewayTest.QUIET).atMost(WechatPayGatewayTest.QUIET.multipliedBy(3))
                .until(() -> receiver.received().isEmpty());
        given().contentType(ContentType.JSON).post("/admin/channels/wechatpay/orders/" + paymentId + "/notify")
                .then().statusCode(200).body("acknowledged", equalTo(true));
    }

    /** The day's bill as statement lines: offered signed, downloaded, its SHA-1 and summary checked. */
    List<StatementLine> bill(LocalDate day) {
        Response offer = merchant.get("/v3/bill/tradebill?bill_date=" + day + "&bill_type=ALL");
        merchant.assertSignedByWechatPay(offer);
        if (offer.statusCode() == 400 && "NO_STATEMENT_EXIST".equals(offer.path("code"))) {
            return List.of();
        }
        JsonPath answer = offer.then().statusCode(200).extract().jsonPath();
        URI url = URI.create(answer.getString("download_url"));
        byte[] file = merchant.get(url.getRawPath() + "?" + url.getRawQuery()).then().statusCode(200).extract().asByteArray();
        assertEquals(answer.getString("hash_value"), sha1(file), "the bill's SHA-1");
        List<String> rows = new String(file, StandardCharsets.UTF_8).lines().toList();
        List<String> header = Arrays.asList(rows.get(0).split(","));
        List<StatementLine> lines = new ArrayList<>();
        long paid = 0;
        long refunded = 0;
        int r = 1;
        for (; !rows.get(r).startsWith("总交易单数"); r++) {
            List<String> v = Arrays.asList(rows.get(r).substring(1).split(",`", -1));
            assertEquals(header.size(), v.size(), rows.get(r));
            String paymentId = v.get(header.indexOf("商户订单号"));
            String transactionId = v.get(header.indexOf("微信订单号"));
            String currency = v.get(header.indexOf("货币种类"));
            if (v.get(header.indexOf("交易状态")).equals("REFUND")) {
                long amount = fen(v.get(header.indexOf("申请退款金额")));
                refunded += fen(v.get(header.indexOf("退款金额")));
                lines.add(StatementLine.refund(paymentId, transactionId, v.get(header.indexOf("商户退款单号")), amount, currency));
            } else {
                long amount = fen(v.get(header.indexOf("订单金额")));
                paid += fen(v.get(header.indexOf("应结订单金额")));
                lines.add(StatementLine.payment(paymentId, transactionId, amount, currency));
            }
        }
        List<String> summary = Arrays.asList(rows.get(r + 1).replace("`", "").split(","));
        assertEquals(lines.size(), Integer.parseInt(summary.get(0)), "总交易单数");
        assertEquals(paid, fen(summary.get(1)), "应结订单总金额");
        assertEquals(refunded, fen(summary.get(2)), "退款总金额");
        return lines;
    }

    private static long fen(String yuan) {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
