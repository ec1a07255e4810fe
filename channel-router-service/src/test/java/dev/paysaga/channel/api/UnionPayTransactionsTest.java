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
import dev.paysaga.channel.testing.FakeUnionPayGateway;
import dev.paysaga.channel.testing.FakeUnionPayGateway.Mode;
import dev.paysaga.channel.unionpay.OrderIds;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Creating UnionPay QR consumes through the API against a fake gateway that checks and makes real signatures. */
@QuarkusTest
class UnionPayTransactionsTest {
    static final String PATH = Api.TRANSACTIONS;
    @Inject
    Pool pool;
    Db db;
    FakeUnionPayGateway gateway;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.unionpay();
    }

    /** The backTransReq.do calls about this order (the active query may have asked queryTrans.do meanwhile). */
    private java.util.List<FakeUnionPayGateway.Call> consumes(String orderId) {
        return gateway.calls(orderId).stream().filter(c -> c.path().endsWith("/backTransReq.do")).toList();
    }

    @Test
    void createAppliesForAQrCodeWithASignedRequestAndAnswersIt() {
        String pay = Ids.next("pay");
        String orderId = OrderIds.orderId(pay);

        Api.createUnionPay(pay, 3000).then().statusCode(201)
                .body("channel", equalTo("unionpay"))
                .body("status", equalTo("pending"))
                .body("next_action.type", equalTo("qr_code"))
                .body("next_action.qr_code", startsWith("https://qr.95516.com/"));

        var calls = consumes(orderId);
        assertEquals(1, calls.size());
        FakeUnionPayGateway.Call call = calls.get(0);
        assertTrue(call.signatureValid(), "signed with the merchant key, certId = its serial");
        assertTrue(call.path().endsWith("/gateway/api/backTransReq.do"), call.path());
        Map<String, String> f = call.fields();
        assertEquals("5.1.0", f.get("version"));
        assertEquals("01", f.get("signMethod"));
        assertEquals("01", f.get("txnType"));
        assertEquals("07", f.get("txnSubType"));
        assertEquals("000000", f.get("bizType"));
        assertEquals("3000", f.get("txnAmt"), "integer fen");
        assertEquals("156", f.get("currencyCode"));
        assertEquals(FakeUnionPayGateway.MER_ID, f.get("merId"));
        assertEquals(OrderIds.txnTime(pay), f.get("txnTime"));
        assertEquals(OrderIds.format(OrderIds.createdAt(pay).plus(Duration.ofMinutes(15))), f.get("payTimeout"));
        assertEquals("http://127.0.0.1:8083/callbacks/unionpay", f.get("backUrl"));
        assertTrue(f.values().stream().noneMatch(String::isEmpty), "no blank field is sent");
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTTP_500", "UNSIGNED", "WRONG_SIGNATURE", "UNTRUSTED_CERTIFICATE"})
    void anAnswerThatCannotBeBelievedIs503AndARetrySendsTheSameOrder(Mode failure) {
        String pay = Ids.next("pay");
        String orderId = OrderIds.orderId(pay);
        gateway.mode(orderId, failure);

        Api.createUnionPay(pay, 4200).then().statusCode(503).body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));

        gateway.mode(orderId, Mode.NORMAL);
        Api.createUnionPay(pay, 4200).then().statusCode(200).body("next_action.type", equalTo("qr_code"));
        var calls = consumes(orderId);
        assertEquals(2, calls.size());
        assertEquals(calls.get(0).fields(), calls.get(1).fields(), "the same orderId, txnTime and signature");
    }

    @Test
    void aDefiniteRefusalIs402AndRecordedOnce() {
        String pay = Ids.next("pay");
        gateway.mode(OrderIds.orderId(pay), Mode.DECLINE);

        Api.createUnionPay(pay, 100).then().statusCode(402).body("code", equalTo("channel_declined"));

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals(1, db.events(pay).size());
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @Test
    void theActiveQueryFindsAPaymentWhoseNotificationNeverCame() {
        String pay = Ids.next("pay");
        Api.createUnionPay(pay, 2500).then().statusCode(201);
        gateway.outcome(OrderIds.orderId(pay), "00");

        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        assertEquals(gateway.queryId(OrderIds.orderId(pay)), db.transaction(pay).getString("channel_trade_no"));
        assertEquals(1, db.events(pay).size());
        assertTrue(gateway.calls(OrderIds.orderId(pay)).stream()
                .anyMatch(c -> c.path().endsWith("/queryTrans.do") && c.signatureValid() && "00".equals(c.fields().get("txnType"))));
    }

    @Test
    void aFailedPaymentFailsThroughTheQueryAndAPaidOneClosesAsSucceeded() {
        String failed = Ids.next("pay");
        Api.createUnionPay(failed, 100).then().statusCode(201);
        gateway.outcome(OrderIds.orderId(failed), "01");
        await().atMost(Duration.ofSeconds(20)).until(() -> db.transaction(failed).getString("status").equals("FAILED"));

        String paid = Ids.next("pay");
        Api.createUnionPay(paid, 900).then().statusCode(201);
        gateway.outcome(OrderIds.orderId(paid), "00");
        asService().post(PATH + "/" + paid + "/close").then().statusCode(200).body("status", equalTo("succeeded"));
    }

    /** A well-formed payment id whose embedded creation time is {@code at}. */
    static String paymentIdMadeAt(Instant at) {
        char[] id = Ids.next("pay").toCharArray();
        long millis = at.toEpochMilli();
        for (int i = 13; i >= 4; i--) { // "pay_" then ten base-32 digits of the 48-bit millisecond timestamp
            id[i] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt((int) (millis & 31));
            millis >>>= 5;
        }
        return new String(id);
    }

    @Test
    void aPaymentOlderThanPayTimeoutIsDeclinedWithoutAskingUnionPay() {
        String pay = paymentIdMadeAt(Instant.now().minus(Duration.ofMinutes(16)));
        assertEquals(Instant.now().minus(Duration.ofMinutes(16)).getEpochSecond(), OrderIds.createdAt(pay).getEpochSecond(), 2);

        Api.createUnionPay(pay, 100).then().statusCode(402).body("code", equalTo("channel_declined"));

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertTrue(gateway.calls(OrderIds.orderId(pay)).isEmpty(), "no request reached UnionPay");
    }

    @Test
    void anOpenQrCodeCannotBeClosedBeforeItsPayTimeout() {
        String pay = Ids.next("pay");
        Api.createUnionPay(pay, 100).then().statusCode(201);
        assertTrue(Instant.now().isBefore(OrderIds.createdAt(pay).plus(Duration.ofMinutes(15))));

        asService().post(PATH + "/" + pay + "/close").then().statusCode(503).body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));
    }
}
