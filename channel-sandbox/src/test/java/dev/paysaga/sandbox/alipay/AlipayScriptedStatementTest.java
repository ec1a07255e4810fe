package dev.paysaga.sandbox.alipay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.statements.Discrepancies;
import dev.paysaga.sandbox.statements.ScriptedStatementCheck;
import dev.paysaga.sandbox.statements.StatementLine;
import dev.paysaga.sandbox.statements.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted Alipay trade bill, downloaded as a merchant does (the signed bill query, then the zip) and read from
 * Alipay's layout by column name, its totals checked against its rows; and paid-after-close.
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class AlipayScriptedStatementTest {
    static final String BILL = "alipay.data.dataservice.bill.downloadurl.query";
    static final Charset GBK = Charset.forName("GBK");
    static final Pattern PAID_TOTAL = Pattern.compile("#交易合计：(\\d+)笔，商家实收共(-?[0-9.]+)元.*");
    static final Pattern REFUND_TOTAL = Pattern.compile("#退款合计：(\\d+)笔，商家实收退款共(-?[0-9.]+)元.*");
    Merchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new Merchant();
        Sandbox.normal();
        given().contentType("application/json").body("{}").put("/admin/channels/alipay/bills").then().statusCode(204);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** A trade of {@code amount} yuan paid by the simulated customer, under our payment id. */
    private void paid(String paymentId, String amount) {
        merchant.call(Sandbox.PRECREATE, Sandbox.precreateBiz(paymentId, amount), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> Sandbox.status(merchant, paymentId).equals("TRADE_SUCCESS"));
    }

    private JsonPath refund(String paymentId, String amount, String refundId) {
        return merchant.call(Sandbox.REFUND, "{\"out_trade_no\":\"" + paymentId + "\",\"refund_amount\":\"" + amount
                + "\",\"out_request_no\":\"" + refundId + "\"}");
    }

    @Test
    void everyScriptedDiscrepancyIsInTheBillAndNothingElseChanged() {
        Discrepancies d = new Discrepancies();
        d.paid().forEach(paymentId -> paid(paymentId, "30.00"));
        assertEquals("Y", refund(d.refunded, "5.00", d.droppedRefund).getString("fund_change"));
        assertEquals("Y", refund(d.refunded, "6.00", d.reAmountedRefund).getString("fund_change"));
        new ScriptedStatementCheck("alipay", today(), () -> bill(today()), refundId -> refundId).assertScripted(d, null);
    }

    @Test
    void aDayWithoutTradesHasABillOfItsExtraTradeAtTheDaysEnd() {
        LocalDate longAgo = LocalDate.of(2001, 1, 1).plusDays(new java.util.Random().nextInt(360));
        String extra = TestIds.payment();
        try {
            JsonPath stored = ScriptedStatementCheck.put("alipay", longAgo,
                    "{\"extra\": [{\"payment_id\": \"" + extra + "\", \"amount\": 12345, \"currency\": \"cny\"}]}");
            String tradeNo = stored.getString("extra[0].channel_trade_no");
            assertTrue(tradeNo.matches("[0-9]{28}"), tradeNo);
            assertEquals("CNY", stored.getString("extra[0].currency"));
            assertEquals(List.of(StatementLine.payment(extra, tradeNo, 12345, "CNY")), bill(longAgo));
            assertTrue(bill(longAgo, "完成时间").get(0).equals(longAgo + " 23:59:59"), "a day gone: its last second");
        } finally {
            ScriptedStatementCheck.delete("alipay", longAgo);
        }
        assertEquals("isp.bill_not_exist", billOffer(longAgo).getString("sub_code"));
    }

    @Test
    void aTradeClosedUnpaidIsPaidAfterCloseThenQueriedBilledAndRefunded() {
        String paymentId = TestIds.payment();
        Sandbox.behave("{\"silent\":true}");
        merchant.call(Sandbox.PRECREATE, Sandbox.precreateBiz(paymentId, "42.00"), Map.of());
        Sandbox.normal();
        assertEquals("10000", merchant.call(Sandbox.CLOSE, Sandbox.tradeBiz(paymentId)).getString("code"));
        String tradeNo = merchant.call(Sandbox.QUERY, Sandbox.tradeBiz(paymentId)).getString("trade_no");
        assertTrue(bill(today()).stream().noneMatch(line -> paymentId.equals(line.paymentId())), "closed: not billed");

        given().post("/admin/channels/alipay/payments/" + paymentId + "/paid-after-close").then().statusCode(200)
                .body("channel", org.hamcrest.Matchers.equalTo("alipay"))
                .body("payment_id", org.hamcrest.Matchers.equalTo(paymentId))
                .body("channel_trade_no", org.hamcrest.Matchers.equalTo(tradeNo))
                .body("status", org.hamcrest.Matchers.equalTo("TRADE_SUCCESS"))
                .body("amount", org.hamcrest.Matchers.equalTo(4200));
        JsonPath query = merchant.call(Sandbox.QUERY, Sandbox.tradeBiz(paymentId));
        assertEquals("TRADE_SUCCESS", query.getString("trade_status"));
        assertTrue(query.getString("send_pay_date") != null);
        assertTrue(bill(today()).contains(StatementLine.payment(paymentId, tradeNo, 4200, "CNY")));

        String refundId = TestIds.refund();
        JsonPath refund = refund(paymentId, "42.00", refundId);
        assertEquals("10000", refund.getString("code"));
        assertEquals("Y", refund.getString("fund_change"));
        assertTrue(bill(today()).contains(StatementLine.refund(paymentId, tradeNo, refundId, 4200, "CNY")));
        // Paid already (and now refunded): not paid after close a second time.
        given().post("/admin/channels/alipay/payments/" + paymentId + "/paid-after-close").then().statusCode(409);
        given().post("/admin/channels/alipay/payments/" + TestIds.payment() + "/paid-after-close").then().statusCode(404);
    }

    private JsonPath billOffer(LocalDate day) {
        return merchant.call(BILL, "{\"bill_type\":\"trade\",\"bill_date\":\"" + day + "\"}");
    }

    /** The day's bill as statement lines (none when Alipay has no bill of the day). */
    List<StatementLine> bill(LocalDate day) {
        List<Map<String, String>> rows = rows(day);
        List<StatementLine> lines = new ArrayList<>();
        for (Map<String, String> row : rows) {
            long amount = Math.abs(fen(row.get("订单金额（元）")));
            lines.add(row.get("业务类型").equals("交易")
                    ? StatementLine.payment(row.get("商户订单号"), row.get("支付宝交易号"), amount, "CNY")
                    : StatementLine.refund(row.get("商户订单号"), row.get("支付宝交易号"), row.get("退款批次号/请求号"), amount, "CNY"));
        }
        return lines;
    }

    private List<String> bill(LocalDate day, String column) {
        return rows(day).stream().map(row -> row.get(column)).toList();
    }

    /** The detail file's rows by column name, after checking its totals and the summary file against them. */
    private List<Map<String, String>> rows(LocalDate day) {
        JsonPath offer = billOffer(day);
        if ("isp.bill_not_exist".equals(offer.getString("sub_code"))) {
            return List.of();
        }
        URI url = URI.create(offer.getString("bill_download_url"));
        byte[] zip = given().urlEncodingEnabled(false).get(url.getRawPath() + "?" + url.getRawQuery()).then().statusCode(200)
                .extract().asByteArray();
        Map<String, String> files = unzip(zip);
        String detail = files.entrySet().stream().filter(f -> f.getKey().endsWith("_业务明细.csv")).findFirst().orElseThrow().getValue();
        String summary = files.entrySet().stream().filter(f -> f.getKey().endsWith("(汇总).csv")).findFirst().orElseThrow().getValue();
        List<String> lines = detail.lines().toList();
        int header = lines.indexOf(AlipayBills.HEADER);
        List<String> names = Arrays.asList(lines.get(header).split(","));
        List<Map<String, String>> rows = new ArrayList<>();
        int r = header + 1;
        for (; !lines.get(r).startsWith("#"); r++) {
            String[] values = lines.get(r).split(",", -1);
            assertEquals(names.size(), values.length, lines.get(r));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                row.put(names.get(i), values[i].strip());
            }
            rows.add(row);
        }
        List<Map<String, String>> paid = rows.stream().filter(row -> row.get("业务类型").equals("交易")).toList();
        List<Map<String, String>> refunds = rows.stream().filter(row -> row.get("业务类型").equals("退款")).toList();
        assertTotal(lines, PAID_TOTAL, paid);
        assertTotal(lines, REFUND_TOTAL, refunds);
        String[] sums = summary.lines().filter(line -> line.startsWith("\t,")).findFirst().orElseThrow().split(",");
        assertEquals(paid.size(), Integer.parseInt(sums[2]), summary);
        assertEquals(refunds.size(), Integer.parseInt(sums[3]), summary);
        assertEquals(rows.stream().mapToLong(row -> fen(row.get("商家实收（元）"))).sum(), fen(sums[11]), summary);
        return rows;
    }

    private static void assertTotal(List<String> lines, Pattern total, List<Map<String, String>> rows) {
        Matcher m = lines.stream().map(total::matcher).filter(Matcher::matches).findFirst().orElseThrow();
        assertEquals(rows.size(), Integer.parseInt(m.group(1)), m.group());
        assertEquals(rows.stream().mapToLong(row -> fen(row.get("商家实收（元）"))).sum(), fen(m.group(2)), m.group());
    }

    private static long fen(String yuan) {
        return new BigDecimal(yuan.strip()).movePointRight(2).longValueExact();
    }

    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), new String(in.readAllBytes(), GBK));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
