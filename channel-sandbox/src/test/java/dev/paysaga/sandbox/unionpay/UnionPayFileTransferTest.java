package dev.paysaga.sandbox.unionpay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The file transfer (txnType 76) at {@code POST /}, as a merchant using UnionPay's SDK would read it. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class UnionPayFileTransferTest {
    static final Duration WITHIN = Duration.ofSeconds(10);
    static final Charset GBK = Charset.forName("GBK");
    UnionPayMerchant merchant;
    UnionPayBackReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new UnionPayMerchant();
        receiver = new UnionPayBackReceiver();
        given().contentType(ContentType.JSON).body("{}").put("/admin/channels/unionpay").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    static Map<String, String> fileTransfer(String settleDate) {
        Map<String, String> f = new HashMap<>(Map.of("version", "5.1.0", "encoding", "UTF-8", "signMethod", "01",
                "txnType", "76", "txnSubType", "01", "bizType", "000000", "accessType", "0",
                "merId", UnionPayMerchant.MER_ID, "settleDate", settleDate, "txnTime", UnionPayMerchant.now()));
        f.put("fileType", "00");
        return f;
    }

    Map<String, String> post(Map<String, String> form) {
        String body = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .post("/").then().statusCode(200).extract().asString();
        Map<String, String> answer = UnionPayMerchant.parse(body);
        merchant.assertSignedByUnionPay(answer);
        return answer;
    }

    private Map<String, String> gateway(String path, Map<String, String> fields) {
        Map<String, String> answer = merchant.post(path, merchant.signed(fields));
        merchant.assertSignedByUnionPay(answer);
        return answer;
    }

    /** The ZM file's records, read the way the SDK demo does: byte offsets in GBK. */
    static List<String> zmRecords(Map<String, String> answer, LocalDate day) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(answer.get("fileContent")));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            zip.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        String zmName = "INN" + day.format(DateTimeFormatter.ofPattern("yyMMdd")) + "88ZM_" + UnionPayMerchant.MER_ID;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(zmName)) {
                    return List.of(new String(in.readAllBytes(), GBK).split("\r\n"));
                }
            }
        }
        throw new AssertionError("no " + zmName + " in the zip");
    }

    static String field(String record, int offset, int width) {
        byte[] bytes = record.getBytes(GBK);
        return new String(bytes, offset, width, GBK).strip();
    }

    @Test
    void todaysFileHoldsThePaidConsumeAndItsRefundInTheZmLayout() throws Exception {
        Map<String, String> consume = UnionPayMerchant.consume(UnionPayMerchant.newOrderId(), 3000, receiver.url());
        assertEquals("00", gateway("backTransReq.do", consume).get("respCode"));
        await().atMost(WITHIN).until(() -> "00".equals(gateway("queryTrans.do",
                UnionPayMerchant.query(consume.get("orderId"), consume.get("txnTime"))).get("respCode")));
        String queryId = gateway("queryTrans.do", UnionPayMerchant.query(consume.get("orderId"), consume.get("txnTime")))
                .get("queryId");
        Map<String, String> refund = UnionPayMerchant.undoOrRefund("04", queryId, 1100, receiver.url());
        assertEquals("00", gateway("backTransReq.do", refund).get("respCode"));

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, String> answer = post(merchant.signed(fileTransfer(today.format(DateTimeFormatter.ofPattern("MMdd")))));
        assertEquals("00", answer.get("respCode"));
        assertEquals(UnionPayMerchant.MER_ID + "_" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + ".zip",
                answer.get("fileName"));
        List<String> records = zmRecords(answer, today);
        String paid = records.stream().filter(r -> field(r, 112, 32).equals(consume.get("orderId"))).findFirst().orElseThrow();
        String refunded = records.stream().filter(r -> field(r, 112, 32).equals(refund.get("orderId"))).findFirst().orElseThrow();
        for (String record : List.of(paid, refunded)) {
            assertEquals(607, record.getBytes(GBK).length);
            assertEquals(UnionPayMerchant.MER_ID, field(record, 293, 15));
            assertTrue(field(record, 46, 19).contains("*"), "the card number is masked");
        }
        assertEquals("01", field(paid, 215, 2));
        assertEquals("000000003000", field(paid, 66, 12));
        assertEquals(queryId, field(paid, 87, 21));
        assertEquals("04", field(refunded, 215, 2));
        assertEquals("000000001100", field(refunded, 66, 12));
        assertEquals(queryId, field(refunded, 271, 21), "原交易查询流水号");
    }

    @Test
    void aDayWithoutTransactionsHasNoFile() {
        // Tomorrow's MMdd names last year's day: nothing happened at this sandbox then.
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).format(DateTimeFormatter.ofPattern("MMdd"));
        Map<String, String> answer = post(merchant.signed(fileTransfer(tomorrow)));
        assertEquals("98", answer.get("respCode"));
        assertNull(answer.get("fileContent"));
    }

    @Test
    void aRequestTamperedAfterSigningIsRefused() {
        Map<String, String> signed = merchant.signed(fileTransfer("0101"));
        signed.put("settleDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("MMdd")));
        Map<String, String> answer = post(signed);
        assertEquals("11", answer.get("respCode"));
        assertNull(answer.get("fileContent"));
    }

    @Test
    void aMalformedSettleDateIsRefused() {
        assertEquals("10", post(merchant.signed(fileTransfer("1341"))).get("respCode"));
    }
}
