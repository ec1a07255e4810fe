package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeAlipayGateway;
import dev.paysaga.channel.testing.FakeAlipayGateway.Mode;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Create / get / close against the real PostgreSQL and a gateway that checks and makes real RSA2 signatures. */
@QuarkusTest
@QuarkusTestResource(ChannelGatewaysResource.class)
class ChannelTransactionApiTest {
    static final String PATH = "/internal/v1/channel_transactions";

    @Inject
    Pool pool;
    Db db;
    FakeAlipayGateway gateway;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.alipay();
    }

    static Response create(String paymentId, long amount) {
        return Api.createAlipay(paymentId, amount);
    }

    @Test
    void createPrecreatesAtAlipayWithASignedRequestAndAnswersTheQrCode() {
        String pay = Ids.next("pay");

        String qr = create(pay, 3000).then().statusCode(201)
                .body("payment_id", equalTo(pay))
                .body("channel", equalTo("alipay"))
                .body("status", equalTo("pending"))
                .body("next_action.type", equalTo("qr_code"))
                .body("next_action.qr_code", startsWith("https://qr.alipay.com/"))
                .body("reason", startsWith("method alipay in CNY"))
                .extract().path("next_action.qr_code");

        var calls = gateway.calls(pay, "alipay.trade.precreate");
        assertEquals(1, calls.size());
        var params = calls.get(0).params();
        assertTrue(calls.get(0).signatureValid(), "the gateway verified our RSA2 signature");
        assertEquals("2021000000000001", params.get("app_id"));
        assertEquals("JSON", params.get("format"));
        assertEquals("utf-8", params.get("charset"));
        assertEquals("1.0", params.get("version"));
        assertEquals("http://127.0.0.1:8083/callbacks/alipay", params.get("notify_url"));
        assertTrue(params.get("timestamp").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertTrue(params.get("biz_content").contains("\"total_amount\":\"30.00\""));
        assertTrue(params.get("biz_content").contains("\"out_trade_no\":\"" + pay + "\""));
        asService().get(PATH + "/" + pay).then().statusCode(200).body("next_action.qr_code", equalTo(qr))
                .body("amount", equalTo(3000)).body("currency", equalTo("CNY"));
        assertEquals(0, db.events(pay).size(), "nothing to announce yet");
    }

    @Test
    void theSamePaymentAgainAnswersTheSameTransactionWithoutCallingAlipayAgain() {
        String pay = Ids.next("pay");
        String qr = create(pay, 1).then().statusCode(201).extract().path("next_action.qr_code");

        create(pay, 1).then().statusCode(200).body("next_action.qr_code", equalTo(qr)).body("status", equalTo("pending"));

        assertEquals(1, gateway.calls(pay, "alipay.trade.precreate").size());
    }

    @Test
    void theSamePaymentWithOtherValuesIsRefusedAndNeverReachesAlipay() {
        String pay = Ids.next("pay");
        create(pay, 3000).then().statusCode(201);

        create(pay, 3001).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency_key_reused")).body("param", equalTo("payment_id"));

        assertEquals(1, gateway.calls(pay, "alipay.trade.precreate").size());
        assertEquals(3000L, db.transaction(pay).getLong("amount"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unionpay in USD     | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"USD","method":"unionpay","terminal":"web"}  | 400 | currency_unsupported | currency
            unknown method      | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"CNY","method":"cash","terminal":"web"}      | 400 | invalid_request      | method
            no method           | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"CNY","terminal":"web"}                      | 400 | invalid_request      | method
            alipay in USD       | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"USD","method":"alipay","terminal":"web"}    | 400 | currency_unsupported | currency
            unknown currency    | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"XYZ","method":"alipay","terminal":"web"}    | 400 | currency_unsupported | currency
            zero amount         | {"payment_id":"$P","merchant_id":"m","amount":0,"currency":"CNY","method":"alipay","terminal":"web"}      | 400 | amount_invalid       | amount
            fractional amount   | {"payment_id":"$P","merchant_id":"m","amount":1.5,"currency":"CNY","method":"alipay","terminal":"web"}    | 400 | amount_invalid       | amount
            amount as a string  | {"payment_id":"$P","merchant_id":"m","amount":"100","currency":"CNY","method":"alipay","terminal":"web"}  | 400 | amount_invalid       | amount
            amount overflowing  | {"payment_id":"$P","merchant_id":"m","amount":92233720368547758070,"currency":"CNY","method":"alipay","terminal":"web"} | 400 | amount_invalid  | amount
            not a payment id    | {"payment_id":"ord_1","merchant_id":"m","amount":100,"currency":"CNY","method":"alipay","terminal":"web"} | 400 | invalid_request      | payment_id
            no merchant         | {"payment_id":"$P","amount":100,"currency":"CNY","method":"alipay","terminal":"web"}                      | 400 | invalid_request      | merchant_id
            bad terminal        | {"payment_id":"$P","merchant_id":"m","amount":100,"currency":"CNY","method":"alipay","terminal":"tv"}     | 400 | invalid_request      | terminal
            """)
    void badRequestsAreRefusedWithAStableCodeAndStoreNothing(String name, String body, int status, String code,
            String param) {
        String pay = Ids.next("pay");

        asService().contentType(ContentType.JSON).body(body.replace("$P", pay)).post(PATH).then()
                .statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("param", equalTo(param));

        assertNull(db.transaction(pay));
        assertEquals(0, gateway.calls(pay, "alipay.trade.precreate").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HTTP_500", "WRONG_SIGNATURE", "UNSIGNED", "SYSTEM_ERROR"})
    void anUnknownAnswerIs503AndARetryAsksAlipayAgainWithTheSameValues(Mode failure) {
        String pay = Ids.next("pay");
        gateway.mode(pay, failure);

        create(pay, 4200).then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));

        gateway.mode(pay, Mode.NORMAL);
        create(pay, 4200).then().statusCode(200).body("next_action.type", equalTo("qr_code"));

        var calls = gateway.calls(pay, "alipay.trade.precreate");
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).params().get("biz_content"), calls.get(1).params().get("biz_content"));
    }

    @Test
    void aDeclineIs402AndTheFailureIsRecordedAndAnnouncedOnce() {
        String pay = Ids.next("pay");
        gateway.mode(pay, Mode.DECLINE);

        create(pay, 100).then().statusCode(402).body("code", equalTo("channel_declined"));
        create(pay, 100).then().statusCode(402).body("code", equalTo("channel_declined"));

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals(1, gateway.calls(pay, "alipay.trade.precreate").size());
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.failed", events.get(0).getString("type"));
        assertEquals("channel_declined", events.get(0).getJsonObject("payload").getString("failure_code"));
    }

    @Test
    void closingAnUnscannedQrCodeClosesItAndASecondCloseAnswersTheSameWithoutAlipay() {
        String pay = Ids.next("pay");
        create(pay, 100).then().statusCode(201);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));
        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals(1, gateway.calls(pay, "alipay.trade.close").size());
        assertEquals("CLOSED", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size(), "the caller who closed it has the answer");
    }

    @Test
    void closingAScannedTradeClosesItAtAlipay() {
        String pay = Ids.next("pay");
        create(pay, 100).then().statusCode(201);
        gateway.scan(pay);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals("CLOSED", db.transaction(pay).getString("status"));
        assertEquals(1, gateway.calls(pay, "alipay.trade.close").size());
    }

    @Test
    void closingATradeThatWasPaidRecordsAndAnnouncesTheSuccessInstead() {
        String pay = Ids.next("pay");
        create(pay, 2500).then().statusCode(201);
        gateway.scan(pay);
        gateway.pay(pay);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("channel_transaction_id", equalTo(gateway.tradeNo(pay)));

        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        assertEquals(2500L, events.get(0).getJsonObject("payload").getLong("amount"));
        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("succeeded"));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void closingWhileAlipayIsUnreachableIs503AndChangesNothing() {
        String pay = Ids.next("pay");
        create(pay, 100).then().statusCode(201);
        gateway.mode(pay, Mode.HTTP_500);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(503).body("code", equalTo("channel_unavailable"));

        assertEquals("PENDING", db.transaction(pay).getString("status"));
    }

    @Test
    void anUnknownTransactionIs404() {
        String pay = Ids.next("pay");
        asService().post(PATH + "/" + pay + "/close").then().statusCode(404).body("code", equalTo("not_found"));
        asService().get(PATH + "/" + pay).then().statusCode(404).body("code", equalTo("not_found"));
    }
}
