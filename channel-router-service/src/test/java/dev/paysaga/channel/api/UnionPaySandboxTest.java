package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.PaymentChannel;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.SandboxProcess;
import dev.paysaga.channel.unionpay.AcpMessages;
import dev.paysaga.channel.unionpay.AcpSignatures;
import dev.paysaga.channel.unionpay.AcpVerifier;
import dev.paysaga.channel.unionpay.OrderIds;
import dev.paysaga.channel.unionpay.UnionPayChannel;
import dev.paysaga.channel.unionpay.UnionPayKeys;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UnionPay adapter against the real channel-sandbox over HTTP, both sides with the PKI GenerateChannelKeys
 * makes: the QR consume, the customer paying, the back notification verified (its duplicate acknowledged without
 * effect, its forgery refused), query, close waiting for payTimeout, consumeUndo and refunds, the reconciliation
 * file (fileTransfer), and tampered requests refused by the sandbox.
 */
@QuarkusTest
@TestProfile(SandboxProcess.Profile.class)
class UnionPaySandboxTest {
    static final Duration WITHIN = Duration.ofSeconds(45);
    @Inject
    Pool pool;
    @Inject
    UnionPayChannel unionpay;
    @Inject
    UnionPayKeys keys;
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
                .put(SandboxProcess.url() + "/admin/channels/unionpay").then().statusCode(200);
    }

    static JsonPath order(String orderId) {
        return given().get(SandboxProcess.url() + "/admin/channels/unionpay/orders/" + orderId)
                .then().statusCode(200).extract().jsonPath();
    }

    private String paid(long fen) {
        String pay = Ids.next("pay");
        Api.createUnionPay(pay, fen).then().statusCode(201);
        await().atMost(WITHIN).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        return pay;
    }

    private static PaymentChannel.ChannelPayment payment(String pay, long fen) {
        return new PaymentChannel.ChannelPayment(pay, "mer_demo", fen, "CNY", "mobile");
    }

    @Test
    void theCustomerPaysAndTheVerifiedBackNotificationResolvesThePaymentOnce() {
        String pay = Ids.next("pay");
        String orderId = OrderIds.orderId(pay);
        Api.createUnionPay(pay, 3000).then().statusCode(201)
                .body("next_action.type", equalTo("qr_code"))
                .body("next_action.qr_code", startsWith("https://qr.95516.com/"));

        await().atMost(WITHIN).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> order(orderId).getInt("notifications_acknowledged") == 1);
        assertEquals(order(orderId).getString("query_id"), db.transaction(pay).getString("channel_trade_no"));
        assertEquals(1, db.events(pay).size());
        assertEquals("channel.transaction.succeeded", db.events(pay).get(0).getString("type"));

        // UnionPay resending it (the same signed form) is acknowledged and changes nothing.
        given().post(SandboxProcess.url() + "/admin/channels/unionpay/orders/" + orderId + "/notify")
                .then().statusCode(200).body("acknowledged", equalTo(true)).body("status", equalTo(200));
        assertEquals(1, db.events(pay).size());

        // A forgery (signed by a key nobody trusts, UnionPay's certificate attached) is refused, nothing changes.
        JsonPath forged = given().post(SandboxProcess.url() + "/admin/channels/unionpay/orders/" + orderId + "/notify?forge=true")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(forged.getBoolean("acknowledged"));
        assertEquals(400, forged.getInt("status"));
        assertEquals("fail", forged.getString("body"));
        assertEquals(1, db.events(pay).size());

        var trade = unionpay.query(payment(pay, 3000)).await().atMost(Duration.ofSeconds(10));
        assertEquals("PAID", trade.state().name());
        assertEquals(3000L, trade.amountMinor());
    }

    @Test
    void aPaymentNeverNotifiedIsFoundByQueryAndADeclineFails() {
        behave("{\"never_notify\":true}");
        String pay = paid(2500);
        assertEquals(0, order(OrderIds.orderId(pay)).getInt("notifications_sent"));

        behave("{\"decline_rate\":1}");
        String declined = Ids.next("pay");
        Api.createUnionPay(declined, 100).then().statusCode(201);
        await().atMost(WITHIN).until(() -> db.transaction(declined).getString("status").equals("FAILED"));
        assertEquals("FAILED", order(OrderIds.orderId(declined)).getString("state"));
    }

    @Test
    void closeWaitsForPayTimeoutBecauseUnionPayCannotCloseAnOpenQrCode() {
        behave("{\"silent\":true}");
        String pay = Ids.next("pay");
        Api.createUnionPay(pay, 100).then().statusCode(201);

        asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(503).body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                asService().post(Api.TRANSACTIONS + "/" + pay + "/close").statusCode() == 200);
        assertEquals("CLOSED", db.transaction(pay).getString("status"));
        assertEquals("WAITING", order(OrderIds.orderId(pay)).getString("state"), "never paid, now past payTimeout");
    }

    @Test
    void consumeUndoTheSameDayCancelsThePayment() {
        String pay = paid(3000);
        String queryId = db.transaction(pay).getString("channel_trade_no");
        String undoOrderId = "undo" + Ids.next("x").substring(2);
        var undo = unionpay.undo(payment(pay, 3000), queryId, undoOrderId).await().atMost(Duration.ofSeconds(10));
        assertTrue(undo.accepted(), undo.respCode());
        assertEquals(Boolean.TRUE, unionpay.transactionSucceeded(undo.orderId(), undo.txnTime()).await().atMost(Duration.ofSeconds(10)));
        assertEquals("UNDONE", order(OrderIds.orderId(pay)).getString("state"));
    }

    @Test
    void refundsSucceedUpToTheAmount() {
        String pay = paid(3000);
        String queryId = db.transaction(pay).getString("channel_trade_no");
        var first = unionpay.refund(1000, queryId, "refund" + Ids.next("x").substring(2)).await().atMost(Duration.ofSeconds(10));
        assertTrue(first.accepted(), first.respCode());
        assertEquals(Boolean.TRUE, unionpay.transactionSucceeded(first.orderId(), first.txnTime()).await().atMost(Duration.ofSeconds(10)));
        assertEquals(1000, order(OrderIds.orderId(pay)).getLong("refunded_amt"));
        // The refund's own back notification is verified and acknowledged, and resolves nothing.
        await().atMost(Duration.ofSeconds(10)).until(() -> order(first.orderId()).getInt("notifications_acknowledged") == 1);
        assertEquals(1, db.events(pay).size());
        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));

        // Beyond what is left the sandbox answers 10, which the adapter never takes for a definite answer.
        assertThrows(ChannelUnavailableException.class, () -> unionpay.refund(2001, queryId, "refund" + Ids.next("x").substring(2))
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(1000, order(OrderIds.orderId(pay)).getLong("refunded_amt"));
    }

    /** Through the port: the refund id names the refund's orderId and txnTime, so a repeat refunds nothing more. */
    @Test
    void aPortRefundIsOnceWhateverTheRepeats() {
        String pay = paid(3000);
        String queryId = db.transaction(pay).getString("channel_trade_no");
        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 1200, 3000, "CNY", queryId);

        assertInstanceOf(ChannelRefund.Refunded.class, unionpay.refund(refund).await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(ChannelRefund.Refunded.class, unionpay.refund(refund).await().atMost(Duration.ofSeconds(10)),
                "the same refund again is answered as the first");
        assertEquals(1200, order(OrderIds.orderId(pay)).getLong("refunded_amt"));
        assertInstanceOf(ChannelRefund.Refunded.class, unionpay.queryRefund(refund).await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(ChannelRefund.NotFound.class, unionpay.queryRefund(
                new ChannelRefund(pay, Ids.next("re"), 1, 3000, "CNY", queryId)).await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void aRequestTamperedAfterSigningIsRefusedByTheSandbox() {
        behave("{\"silent\":true}");
        String pay = Ids.next("pay");
        Map<String, String> fields = new TreeMap<>(Map.of("version", "5.1.0", "encoding", "UTF-8", "signMethod", "01",
                "txnType", "01", "txnSubType", "07", "bizType", "000000", "accessType", "0", "merId", "777290058110048",
                "orderId", OrderIds.orderId(pay), "txnTime", OrderIds.txnTime(pay)));
        fields.putAll(Map.of("channelType", "08", "txnAmt", "3000", "currencyCode", "156", "backUrl", "http://127.0.0.1:1/cb",
                "certId", keys.certId()));
        fields.put("signature", AcpSignatures.sign(fields, keys.merchantPrivateKey()).reveal());
        fields.put("txnAmt", "1");
        String answer = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(AcpMessages.formBody(fields))
                .post(SandboxProcess.url() + "/gateway/api/backTransReq.do").then().statusCode(200).extract().asString();
        assertEquals("11", AcpMessages.parseAnswer(answer).get("respCode"));
        given().get(SandboxProcess.url() + "/admin/channels/unionpay/orders/" + OrderIds.orderId(pay)).then().statusCode(404);
    }

    /** The day's file holds our payment and its partial refund, with their ids and exact amounts. */
    @Test
    void theReconciliationFileListsTheDaysPaymentAndRefund() {
        String pay = paid(3000);
        String queryId = db.transaction(pay).getString("channel_trade_no");
        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 1200, 3000, "CNY", queryId);
        assertInstanceOf(ChannelRefund.Refunded.class, unionpay.refund(refund).await().atMost(Duration.ofSeconds(10)));

        LocalDate today = LocalDate.now(BEIJING);
        ChannelStatement statement = unionpay.statement(today).await().atMost(Duration.ofSeconds(20));
        assertEquals(today, statement.day());
        List<ChannelStatement.Line> ours = statement.lines().stream()
                .filter(line -> pay.equals(line.paymentId()) || refund.refundId().equals(line.refundId())).toList();
        assertEquals(2, ours.size(), ours.toString());
        ChannelStatement.Line payment = ours.get(0);
        assertEquals(ChannelStatement.Kind.PAYMENT, payment.kind());
        assertEquals(pay, payment.paymentId());
        assertEquals(queryId, payment.channelTradeNo());
        assertEquals(3000, payment.amountMinor());
        assertEquals("CNY", payment.currency());
        assertTrue(Duration.between(payment.at(), Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0, payment.at().toString());
        ChannelStatement.Line refunded = ours.get(1);
        assertEquals(ChannelStatement.Kind.REFUND, refunded.kind());
        assertEquals(refund.refundId(), refunded.refundId());
        assertEquals(pay, refunded.paymentId());
        assertEquals(queryId, refunded.channelTradeNo());
        assertEquals(1200, refunded.amountMinor());
    }

    /** No file of that date (respCode 98) is an empty statement: a day long ago, and tomorrow (MMdd of last year). */
    @Test
    void aDayWithoutAFileIsAnEmptyStatement() {
        LocalDate today = LocalDate.now(BEIJING);
        assertTrue(unionpay.statement(today.minusDays(100)).await().atMost(Duration.ofSeconds(20)).lines().isEmpty());
        assertTrue(unionpay.statement(today.plusDays(1)).await().atMost(Duration.ofSeconds(20)).lines().isEmpty());
    }

    /**
     * The file transfer's answer is believed only through AcpVerifier: the sandbox's verifies, the same with one
     * byte of fileContent changed does not. A request tampered after signing is refused by the sandbox (11).
     */
    @Test
    void aTamperedFileTransferAnswerOrRequestIsNotBelieved() {
        paid(500);
        Map<String, String> fields = fileTransfer(LocalDate.now(BEIJING).format(DateTimeFormatter.ofPattern("MMdd")));
        Map<String, String> answer = postFileTransfer(fields);
        assertEquals("00", answer.get("respCode"));
        assertEquals(null, AcpVerifier.refusal(answer, keys.signers(), Instant.now()));
        String content = answer.get("fileContent");
        answer.put("fileContent", (content.charAt(0) == 'A' ? "B" : "A") + content.substring(1));
        assertEquals("bad_signature", AcpVerifier.refusal(answer, keys.signers(), Instant.now()));

        Map<String, String> tampered = fileTransfer("0101");
        tampered.put("certId", keys.certId());
        tampered.put("signature", AcpSignatures.sign(tampered, keys.merchantPrivateKey()).reveal());
        tampered.put("settleDate", LocalDate.now(BEIJING).format(DateTimeFormatter.ofPattern("MMdd")));
        Map<String, String> refused = AcpMessages.parseAnswer(given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(AcpMessages.formBody(tampered)).post(SandboxProcess.url() + "/").then().statusCode(200).extract().asString());
        assertEquals("11", refused.get("respCode"));
        assertEquals(null, refused.get("fileContent"));
        assertEquals(null, AcpVerifier.refusal(refused, keys.signers(), Instant.now()), "the refusal itself is signed");
    }

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static Map<String, String> fileTransfer(String settleDate) {
        Map<String, String> fields = new TreeMap<>(Map.of("version", "5.1.0", "encoding", "UTF-8", "signMethod", "01",
                "txnType", "76", "txnSubType", "01", "bizType", "000000", "accessType", "0", "merId", "777290058110048",
                "settleDate", settleDate, "txnTime", OrderIds.format(Instant.now())));
        fields.put("fileType", "00");
        return fields;
    }

    private Map<String, String> postFileTransfer(Map<String, String> fields) {
        Map<String, String> signed = new TreeMap<>(fields);
        signed.put("certId", keys.certId());
        signed.put("signature", AcpSignatures.sign(signed, keys.merchantPrivateKey()).reveal());
        return AcpMessages.parseAnswer(given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(AcpMessages.formBody(signed)).post(SandboxProcess.url() + "/").then().statusCode(200).extract().asString());
    }
}
