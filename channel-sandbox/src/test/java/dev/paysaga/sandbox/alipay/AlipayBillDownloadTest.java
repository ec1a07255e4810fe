package dev.paysaga.sandbox.alipay;

import static dev.paysaga.sandbox.alipay.Sandbox.REFUND;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trade bill as a merchant meets it: {@code alipay.data.dataservice.bill.downloadurl.query} signed and verified
 * like every call, then the zip at bill_download_url, read as Alipay's files are (GBK names and text).
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class AlipayBillDownloadTest {
    static final String BILL = "alipay.data.dataservice.bill.downloadurl.query";
    static final Charset GBK = Charset.forName("GBK");
    static final String ACCOUNT = "20881020000000010156";
    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant();
        Sandbox.normal();
        given().contentType("application/json").body("{}").put("/admin/channels/alipay/bills").then().statusCode(204);
    }

    @AfterEach
    void tearDown() {
        given().contentType("application/json").body("{}").put("/admin/channels/alipay/bills").then().statusCode(204);
    }

    static String billBiz(String type, String date) {
        return "{\"bill_type\":\"" + type + "\",\"bill_date\":\"" + date + "\"}";
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aTamperedBillRequestIsRejectedUnsignedAndOffersNoBill() {
        Map<String, String> params = new LinkedHashMap<>(merchant.signed(BILL, billBiz("trade", today().toString()), Map.of()));
        params.put("biz_content", billBiz("trade", today().minusDays(1).toString()));
        String body = Merchant.post(params);
        JsonPath answer = new JsonPath(body);
        String node = "alipay_data_dataservice_bill_downloadurl_query_response";
        assertEquals("40002", answer.getString(node + ".code"), body);
        assertEquals("isv.invalid-signature", answer.getString(node + ".sub_code"), body);
        assertNull(answer.get(node + ".bill_download_url"), body);
        assertNull(answer.get("sign"), "a gateway rejection is not signed: " + body);
    }

    @Test
    void theDaysBillIsAGbkZipInAlipaysLayoutWithThePaymentAndTheRefund() throws IOException {
        String outTradeNo = Sandbox.tradeIn(merchant, "paid");
        String tradeNo = merchant.call(Sandbox.QUERY, Sandbox.tradeBiz(outTradeNo)).getString("trade_no");
        assertEquals("10000", merchant.call(REFUND, "{\"out_trade_no\":\"" + outTradeNo
                + "\",\"refund_amount\":\"12.34\",\"out_request_no\":\"re_bill_1\"}").getString("code"));

        JsonPath offer = merchant.call(BILL, billBiz("trade", today().toString()));
        assertEquals("10000", offer.getString("code"));
        URI url = URI.create(offer.getString("bill_download_url"));
        String compact = today().format(DateTimeFormatter.BASIC_ISO_DATE);
        assertEquals("/downloadBillFile.resource", url.getPath());
        assertTrue(url.getRawQuery().contains("downloadFileName=" + ACCOUNT + "_" + compact + ".csv.zip"), url.toString());

        byte[] zip = download(url).then().statusCode(200).extract().asByteArray();
        Map<String, byte[]> files = unzip(zip);
        assertEquals(List.of(ACCOUNT + "_" + compact + "_业务明细.csv", ACCOUNT + "_" + compact + "_业务明细(汇总).csv"),
                List.copyOf(files.keySet()), "entry names read as GBK");
        byte[] detailBytes = files.get(ACCOUNT + "_" + compact + "_业务明细.csv");
        assertThrows(CharacterCodingException.class, () -> strict(StandardCharsets.UTF_8, detailBytes), "not UTF-8");
        String detail = strict(GBK, detailBytes);
        String day = today().format(DateTimeFormatter.ofPattern("yyyy年MM月dd日"));
        String next = today().plusDays(1).format(DateTimeFormatter.ofPattern("yyyy年MM月dd日"));
        assertTrue(detail.startsWith("#支付宝业务明细查询\n#账号：[" + ACCOUNT + "]\n#起始日期：[" + day
                + " 00:00:00]   终止日期：[" + next + " 00:00:00]\n"
                + "#-----------------------------------------业务明细列表----------------------------------------\n"
                + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n"), detail);
        assertTrue(detail.contains(tradeNo + "\t," + outTradeNo + "\t,交易\t,2 × latte,"), detail);
        assertTrue(detail.contains(",30.00,30.00,"), detail);
        assertTrue(detail.contains(tradeNo + "\t," + outTradeNo + "\t,退款\t,"), detail);
        assertTrue(detail.contains(",-12.34,-12.34,") && detail.contains(",re_bill_1\t,"), detail);
        assertTrue(detail.contains("#-----------------------------------------业务明细列表结束------------------------------------\n"
                + "#交易合计："), detail);
        assertTrue(detail.contains("\n#导出时间：["), detail);
        assertTrue(strict(GBK, files.get(ACCOUNT + "_" + compact + "_业务明细(汇总).csv")).startsWith("#支付宝业务汇总查询\n"));
    }

    @Test
    void aDownloadUrlLapsesAndAnUnknownTokenIsNotFound() {
        Sandbox.tradeIn(merchant, "paid");
        URI url = URI.create(merchant.call(BILL, billBiz("trade", today().toString())).getString("bill_download_url"));
        download(url).then().statusCode(200);
        given().get("/downloadBillFile.resource?token=0123456789abcdef0123456789abcdef").then().statusCode(404);
        // The sandbox's test profile lets a URL live 2 s (Alipay: 30 s).
        await().atMost(Duration.ofSeconds(10)).until(() -> download(url).statusCode() == 404);
    }

    @Test
    void daysWithoutABillAndOtherBillTypesAreRefusedSigned() {
        assertEquals("isp.bill_not_exist", merchant.call(BILL, billBiz("trade", today().plusDays(1).toString())).getString("sub_code"));
        JsonPath longAgo = merchant.call(BILL, billBiz("trade", "2001-01-01"));
        assertEquals("40004", longAgo.getString("code"));
        assertEquals("isp.bill_not_exist", longAgo.getString("sub_code"));
        assertEquals("isv.invalid_arguments", merchant.call(BILL, billBiz("signcustomer", "2001-01-01")).getString("sub_code"));
        assertEquals("isv.invalid_arguments", merchant.call(BILL, billBiz("trade", "2001-01")).getString("sub_code"));
    }

    @Test
    void aTestCanMakeTheDownloadUrlNameAnotherHost() {
        Sandbox.tradeIn(merchant, "paid");
        given().contentType("application/json").body("{\"download_base_url\":\"http://bills.elsewhere.invalid:9\"}")
                .put("/admin/channels/alipay/bills").then().statusCode(204);
        String url = merchant.call(BILL, billBiz("trade", today().toString())).getString("bill_download_url");
        assertTrue(url.startsWith("http://bills.elsewhere.invalid:9/downloadBillFile.resource?"), url);
    }

    private static io.restassured.response.Response download(URI url) {
        return given().urlEncodingEnabled(false).get(url.getRawPath() + "?" + url.getRawQuery());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
