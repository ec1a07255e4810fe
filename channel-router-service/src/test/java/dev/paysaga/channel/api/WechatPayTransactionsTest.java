package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeWechatPayGateway;
import dev.paysaga.channel.testing.FakeWechatPayGateway.Mode;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Native pay, query and close at WeChat Pay through the internal API, against a gateway that checks and makes real signatures. */
@QuarkusTest
class WechatPayTransactionsTest {
    static final String PATH = Api.TRANSACTIONS;

    @Inject
    Pool pool;
    Db db;
    FakeWechatPayGateway gateway;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.wechatpay();
    }

    @Test
    void createPlacesANativeOrderWithASignedRequestAndAnswersTheCodeUrl() {
        String pay = Ids.next("pay");

        Api.createWechatPay(pay, 3000).then().statusCode(201)
                .body("channel", equalTo("wechatpay"))
                .body("status", equalTo("pending"))
                .body("next_action.type", equalTo("qr_code"))
                .body("next_action.qr_code", startsWith("weixin://wxpay/bizpayurl?pr="))
                .body("reason", startsWith("method wechatpay in CNY"));

        var calls = gateway.calls(pay);
        assertEquals(1, calls.size());
        var call = calls.get(0);
        assertTrue(call.signatureValid(), "the gateway verified our WECHATPAY2-SHA256-RSA2048 signature");
        assertEquals("POST", call.method());
        assertEquals("/v3/pay/transactions/native", call.pathAndQuery());
        assertTrue(call.body().contains("\"amount\":{\"total\":3000,\"currency\":\"CNY\"}"), call.body());
        assertTrue(call.body().contains("\"mchid\":\"" + FakeWechatPayGateway.MCHID + "\""), call.body());
        assertTrue(call.body().contains("\"appid\":\"" + FakeWechatPayGateway.APPID + "\""), call.body());
        assertTrue(call.body().contains("\"notify_url\":\"http://127.0.0.1:8083/callbacks/wechatpay\""), call.body());
        assertTrue(call.authorization().startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"" + FakeWechatPayGateway.MCHID
                + "\",nonce_str=\""), call.authorization());
        assertTrue(call.authorization().endsWith(",serial_no=\"" + FakeWechatPayGateway.MERCHANT_SERIAL + "\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HTTP_500", "WRONG_SIGNATURE", "UNSIGNED", "STALE"})
    void anAnswerThatCannotBeBelievedIs503AndARetryAsksAgainWithTheSameBody(Mode failure) {
        String pay = Ids.next("pay");
        gateway.mode(pay, failure);

        Api.createWechatPay(pay, 4200).then().statusCode(503).body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));

        gateway.mode(pay, Mode.NORMAL);
        Api.createWechatPay(pay, 4200).then().statusCode(200).body("next_action.type", equalTo("qr_code"));
        var calls = gateway.calls(pay).stream().filter(c -> c.pathAndQuery().endsWith("/native")).toList();
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).body(), calls.get(1).body());
    }

    @Test
    void aDefiniteRefusalIs402AndRecordedOnce() {
        String pay = Ids.next("pay");
        gateway.mode(pay, Mode.DECLINE);

        Api.createWechatPay(pay, 100).then().statusCode(402).body("code", equalTo("channel_declined"));

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void theActiveQueryFindsAPaymentWhoseNotificationNeverCame() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 2500).then().statusCode(201);
        gateway.pay(pay);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        assertEquals(gateway.transactionId(pay), db.transaction(pay).getString("channel_trade_no"));
        var queries = gateway.calls(pay).stream().filter(c -> c.method().equals("GET")).toList();
        assertTrue(queries.stream().allMatch(FakeWechatPayGateway.Call::signatureValid));
        assertEquals("/v3/pay/transactions/out-trade-no/" + pay + "?mchid=" + FakeWechatPayGateway.MCHID,
                queries.get(0).pathAndQuery());
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void aPayErrorFailsThroughTheQuery() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 100).then().statusCode(201);
        gateway.fail(pay);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("FAILED"));
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @Test
    void closeIsA204AtWechatPayAndClosesTheTransaction() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 100).then().statusCode(201);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals("CLOSED", gateway.state(pay));
        var close = gateway.calls(pay).stream().filter(c -> c.pathAndQuery().endsWith("/close")).toList();
        assertEquals(1, close.size());
        assertTrue(close.get(0).signatureValid());
        assertEquals("{\"mchid\":\"" + FakeWechatPayGateway.MCHID + "\"}", close.get(0).body());
        assertEquals(0, db.events(pay).size(), "the caller who closed it has the answer");
    }

    @Test
    void closingAPaidOrderRecordsTheSuccessInstead() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 900).then().statusCode(201);
        gateway.pay(pay);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("succeeded"));

        assertEquals(1, db.events(pay).size());
    }

    @Test
    void closingWhileTheAnswerIsForgedIs503AndChangesNothing() {
        String pay = Ids.next("pay");
        Api.createWechatPay(pay, 100).then().statusCode(201);
        gateway.mode(pay, Mode.WRONG_SIGNATURE);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(503).body("code", equalTo("channel_unavailable"));

        assertEquals("PENDING", db.transaction(pay).getString("status"));
    }
}
