package dev.paysaga.sandbox.unionpay;

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
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted UnionPay ZM file, fetched by the signed file transfer (txnType 76) and read at the SDK demo's byte
 * offsets; and paid-after-close of a consume past its payTimeout (UnionPay has no close), refunded after.
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class UnionPayScriptedStatementTest {
    static final Duration WITHIN = Duration.ofSeconds(10);
    UnionPayMerchant merchant;
    UnionPayBackReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new UnionPayMerchant();
        receiver = new UnionPayBackReceiver();
        UnionPayGatewayTest.behave("{}");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        UnionPayGatewayTest.behave("{}");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** Our id as UnionPay's orderId: letters and digits only. */
    static String orderId(String ourId) {
        return ourId.replace("_", "");
    }

    private Map<String, String> gateway(String path, Map<String, String> fields) {
        Map<String, String> answer = merchant.post(path, merchant.signed(fields));
        merchant.assertSignedByUnionPay(answer);
        return answer;
    }

    /** The consume's queryId once it is paid. */
    private String paid(Map<String, String> consume) {
        await().atMost(WITHIN).until(() -> "00".equals(gateway("queryTrans.do",
                UnionPayMerchant.query(consume.get("orderId"), consume.get("txnTime"))).get("respCode")));
        return gateway("queryTrans.do", UnionPayMerchant.query(consume.get("orderId"), consume.get("txnTime"))).get("queryId");
    }

    private String paid(String paymentId, long fen) {
        Map<String, String> consume = UnionPayMerchant.consume(orderId(paymentId), fen, receiver.url());
        assertEquals("00", gateway("backTransReq.do", consume).get("respCode"));
        return paid(consume);
    }

    private Map<String, String> refund(String queryId, String refundId, long fen) {
        Map<String, String> refund = UnionPayMerchant.undoOrRefund("04", queryId, fen, receiver.url());
        refund.put("orderId", orderId(refundId));
        return gateway("backTransReq.do", refund);
    }

    @Test
    void everyScriptedDiscrepancyIsInTheFileAndNothingElseChanged() {
        Discrepancies d = new Discrepancies();
        String queryId = null;
        for (String paymentId : d.paid()) {
            queryId = paid(paymentId, Discrepancies.PAID); // the refunded payment's, last
        }
        assertEquals("00", refund(queryId, d.droppedRefund, Discrepancies.FIRST_REFUND).get("respCode"));
        assertEquals("00", refund(queryId, d.reAmountedRefund, Discrepancies.SECOND_REFUND).get("respCode"));
        // A made-up refund's orderId is our side's made-up number without its '_', read back as "re_" + the rest.
        new ScriptedStatementCheck("unionpay", today(), () -> file(today()), refundId -> ourId(orderId(refundId)))
                .assertScripted(d, null);
    }

    @Test
    void aConsumePastItsPayTimeoutIsPaidAfterCloseNotifiedQueriedFiledAndRefunded() {
        String paymentId = TestIds.payment();
        UnionPayGatewayTest.behave("{\"silent\":true}");
        Map<String, String> consume = UnionPayMerchant.consume(orderId(paymentId), 4200, receiver.url());
        LocalDateTime timeout = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(1);
        consume.put("payTimeout", timeout.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        assertEquals("00", gateway("backTransReq.do", consume).get("respCode"));
        UnionPayGatewayTest.behave("{}");
        // Before its payTimeout the QR code is still payable: the merchant has not taken it as closed.
        given().post("/admin/channels/unionpay/payments/" + paymentId + "/paid-after-close").then().statusCode(409);

        await().atMost(WITHIN).until(() -> given().post("/admin/channels/unionpay/payments/" + paymentId
                + "/paid-after-close").statusCode() == 200);
        String queryId = paid(consume);
        await().atMost(WITHIN).until(() -> receiver.received().size() == 1);
        Map<String, String> notification = receiver.received().get(0);
        merchant.assertSignedByUnionPay(notification);
        assertEquals("01", notification.get("txnType"));
        assertEquals("00", notification.get("respCode"));
        given().get("/admin/channels/unionpay/orders/" + orderId(paymentId)).then().body("state", equalTo("PAID"));
        assertTrue(file(today()).contains(StatementLine.payment(paymentId, queryId, 4200, "CNY")));

        String refundId = TestIds.refund();
        assertEquals("00", refund(queryId, refundId, 4200).get("respCode"));
        assertTrue(file(today()).contains(StatementLine.refund(paymentId, queryId, refundId, 4200, "CNY")));
    }

    @Test
    void aConsumeNotYetPayableOrUnknownIsNotPaidAfterClose() {
        String paymentId = TestIds.payment();
        UnionPayGatewayTest.behave("{\"silent\":true}");
        assertEquals("00", gateway("backTransReq.do", UnionPayMerchant.consume(orderId(paymentId), 100, receiver.url()))
                .get("respCode"));
        given().contentType(ContentType.JSON).post("/admin/channels/unionpay/payments/" + paymentId + "/paid-after-close")
                .then().statusCode(409); // no payTimeout: never expires, so never taken as closed
        given().post("/admin/channels/unionpay/payments/" + TestIds.payment() + "/paid-after-close").then().statusCode(404);
    }

    /** The day's ZM file as statement lines (none when UnionPay has no file of the day: 98). */
    List<StatementLine> file(LocalDate day) {
        String body = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(merchant.signed(UnionPayFileTransferTest.fileTransfer(day.format(DateTimeFormatter.ofPattern("MMdd")))))
                .post("/").then().statusCode(200).extract().asString();
        Map<String, String> answer = UnionPayMerchant.parse(body);
        merchant.assertSignedByUnionPay(answer);
        if ("98".equals(answer.get("respCode"))) {
            return List.of();
        }
        assertEquals("00", answer.get("respCode"));
        List<String> records;
        try {
            records = UnionPayFileTransferTest.zmRecords(answer, day);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, String> paymentOfQueryId = new HashMap<>();
        for (String record : records) {
            assertEquals(607, record.getBytes(UnionPayFileTransferTest.GBK).length, record);
            if (field(record, 215, 2).equals("01")) {
                paymentOfQueryId.put(field(record, 87, 21), ourId(field(record, 112, 32)));
            }
        }
        List<StatementLine> lines = new ArrayList<>();
        for (String record : records) {
            long fen = Long.parseLong(field(record, 66, 12));
            String orderId = field(record, 112, 32);
            if (field(record, 215, 2).equals("01")) {
                lines.add(StatementLine.payment(ourId(orderId), field(record, 87, 21), fen, "CNY"));
            } else {
                String origQryId = field(record, 271, 21);
                String paymentId = paymentOfQueryId.getOrDefault(origQryId, ourId(field(record, 476, 32)));
                lines.add(StatementLine.refund(paymentId, origQryId, ourId(orderId), fen, "CNY"));
            }
        }
        return lines;
    }

    private static String field(String record, int offset, int width) {
        return UnionPayFileTransferTest.field(record, offset, width);
    }

    /** {@code payX} → {@code pay_X}, {@code reX} → {@code re_X}, as PaySaga reads its orderIds back. */
    static String ourId(String orderId) {
        return orderId.startsWith("pay") ? "pay_" + orderId.substring(3) : orderId.startsWith("re") ? "re_" + orderId.substring(2) : orderId;
    }
}
