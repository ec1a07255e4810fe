package dev.paysaga.channel.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelStatement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trade bill in the layout of Alipay's files (the samples quoted in docs/channels.md): GBK, '#' comment lines,
 * values with a trailing tab, refunds as negative rows naming the refund request number.
 */
class AlipayBillTest {
    static final Charset GBK = Charset.forName("GBK");
    static final String PID = "2088102000000001";
    static final String ACCOUNT = PID + "0156";
    static final LocalDate DAY = LocalDate.parse("2026-12-01");
    static final String HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    static final String PAID = "2026120122001400000000000001\t,pay_1\t,交易\t,PaySaga payment pay_1,2026-12-01 10:15:00,"
            + "2026-12-01 10:15:30,\t,\t,\t,\t,*沙(san***@alipay.test)\t,30.00,30.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,"
            + "-0.18,0.00,PaySaga payment pay_1";
    static final String REFUNDED = "2026120122001400000000000001\t,pay_1\t,退款\t,PaySaga payment pay_1,2026-12-01 10:15:00,"
            + "2026-12-01 11:00:00,\t,\t,\t,\t,*沙(san***@alipay.test)\t,-10.05,-10.05,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,"
            + "re_1\t,0.06,0.00,PaySaga payment pay_1";

    static String file(String account, List<String> rows, String paymentTotal, String refundTotal) {
        StringBuilder text = new StringBuilder()
                .append("#支付宝业务明细查询\n")
                .append("#账号：[").append(account).append("]\n")
                .append("#起始日期：[2026年12月01日 00:00:00]   终止日期：[2026年12月02日 00:00:00]\n")
                .append("#-----------------------------------------业务明细列表----------------------------------------\n")
                .append(HEADER).append('\n');
        rows.forEach(row -> text.append(row).append('\n'));
        return text.append("#-----------------------------------------业务明细列表结束------------------------------------\n")
                .append("#交易合计：").append(paymentTotal).append("，商家优惠共0.00元\n")
                .append("#退款合计：").append(refundTotal).append("，商家优惠退款共0.00元\n")
                .append("#导出时间：[2026年12月02日 09:12:33]\n").toString();
    }

    static String dayFile() {
        return file(ACCOUNT, List.of(PAID, REFUNDED), "1笔，商家实收共30.00元", "1笔，商家实收退款共-10.05元");
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] billZip(String detailName, String detail) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(detailName, detail.getBytes(GBK));
        entries.put(ACCOUNT + "_20261201_业务明细(汇总).csv", "#支付宝业务汇总查询\n".getBytes(GBK));
        return zip(entries);
    }

    @Test
    void paymentsAndRefundsAreReadFromTheZipByColumnNameInMinorUnits() {
        ChannelStatement statement = AlipayBill.read(billZip(ACCOUNT + "_20261201_业务明细.csv", dayFile()), DAY, PID);
        assertEquals(List.of(
                new ChannelStatement.Line(ChannelStatement.Kind.PAYMENT, "pay_1", "2026120122001400000000000001", null,
                        3000, "CNY", Instant.parse("2026-12-01T02:15:30Z")),
                new ChannelStatement.Line(ChannelStatement.Kind.REFUND, "pay_1", "2026120122001400000000000001", "re_1",
                        1005, "CNY", Instant.parse("2026-12-01T03:00:00Z"))), statement.lines());
        assertEquals("alipay", statement.channel());
        assertEquals(DAY, statement.day());
    }

    @Test
    void theColumnOrderIsTheHeadersAndTheBarePidIsOursToo() {
        String header = HEADER.replace("支付宝交易号,商户订单号", "商户订单号,支付宝交易号");
        String row = PAID.replace("2026120122001400000000000001\t,pay_1\t,", "pay_1\t,2026120122001400000000000001\t,");
        String text = file(PID, List.of(row), "1笔，商家实收共30.00元", "0笔，商家实收退款共0.00元").replace(HEADER, header);
        ChannelStatement.Line line = AlipayBill.parse(text, DAY, PID).lines().get(0);
        assertEquals("pay_1", line.paymentId());
        assertEquals("2026120122001400000000000001", line.channelTradeNo());
    }

    @Test
    void aQuotedValueMayHoldACommaAndAnEmptyDayHasNoLines() {
        String row = PAID.replace(",PaySaga payment pay_1,2026", ",\"Latte, large\",2026");
        assertEquals(1, AlipayBill.parse(file(ACCOUNT, List.of(row), "1笔，商家实收共30.00元", "0笔，商家实收退款共0.00元"),
                DAY, PID).lines().size());
        assertTrue(AlipayBill.parse(file(ACCOUNT, List.of(), "0笔，商家实收共0.00元", "0笔，商家实收退款共0.00元"), DAY, PID)
                .lines().isEmpty());
    }

    /** Each row: what is wrong with the detail file (genuine text → bad text); the whole file is refused. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another account             | #账号：[2088102000000001 | #账号：[2088999999999999 | another account
            no account line             | #账号：[2088102000000001 | #备注：[2088102000000001 | names none
            another day                 | 终止日期：[2026年12月02日 | 终止日期：[2026年12月03日 | another period
            a missing value             | ,0.00,PaySaga payment pay_1\\n2026 | ,PaySaga payment pay_1\\n2026 | 24 values, not 25
            an unreadable amount        | ,30.00,30.00, | ,30.00,30.0x, | unreadable amount
            a fraction of a fen         | ,30.00,30.00, | ,30.001,30.00, | unreadable amount
            an unknown business type    | ,交易\t, | ,冻结\t, | business type 冻结
            an unreadable time          | 2026-12-01 10:15:30 | 2026/12/01 10:15:30 | unreadable time
            a positive refund           | ,-10.05,-10.05, | ,10.05,-10.05, | wrong sign
            a refund without request no | re_1\t, | \t, | refund request number
            totals that disagree        | #交易合计：1笔 | #交易合计：2笔 | payment total disagrees
            a sum that disagrees        | 商家实收退款共-10.05元 | 商家实收退款共-10.06元 | refund total disagrees
            no refund total             | #退款合计： | #退款总计： | lacks its refund total
            """)
    void aBadDetailFileIsRefused(String what, String genuine, String bad, String why) {
        String text = dayFile();
        String genuineText = genuine.replace("\\n", "\n");
        assertTrue(text.contains(genuineText), what + ": the case must change the genuine file");
        String broken = text.replace(genuineText, bad.replace("\\n", "\n"));
        byte[] zip = billZip(ACCOUNT + "_20261201_业务明细.csv", broken);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AlipayBill.read(zip, DAY, PID), what);
        assertTrue(refused.getMessage().contains(why), what + ": " + refused.getMessage());
    }

    @Test
    void aFileCutBeforeItsEndOfListLineIsRefused() {
        String text = dayFile();
        String truncated = text.substring(0, text.indexOf("#-----------------------------------------业务明细列表结束"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AlipayBill.parse(truncated, DAY, PID));
        assertTrue(refused.getMessage().contains("end-of-list"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another account's file name | 2088999999999999_20261201_业务明细.csv | another account
            another day's file name     | 20881020000000010156_20261130_业务明细.csv | another day
            only the summary            | 20881020000000010156_20261201_业务明细(汇总).csv | lacks the detail file
            """)
    void aZipWithoutOurDetailFileIsRefused(String what, String name, String why) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(name, dayFile().getBytes(GBK));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AlipayBill.read(zip(entries), DAY, PID), what);
        assertTrue(refused.getMessage().contains(why), what + ": " + refused.getMessage());
    }

    @Test
    void somethingThatIsNotAZipIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AlipayBill.read(dayFile().getBytes(GBK), DAY, PID));
        assertTrue(refused.getMessage().contains("lacks the detail file"), refused.getMessage());
    }

    @Test
    void aZipThatInflatesPastTheBoundIsRefusedBeforeItIsHeld() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            zip.putNextEntry(new ZipEntry(ACCOUNT + "_20261201_业务明细(汇总).csv"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written <= AlipayBill.MAX_UNCOMPRESSED_BYTES; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ACCOUNT + "_20261201_业务明细.csv"));
            zip.write(dayFile().getBytes(GBK));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(bytes.size() < 100_000, "a bomb: small on the wire (" + bytes.size() + " bytes)");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AlipayBill.read(bytes.toByteArray(), DAY, PID));
        assertTrue(refused.getMessage().contains("inflates past"), refused.getMessage());
    }

    @Test
    void aFileThatIsNotGbkIsRefused() {
        byte[] zip = zip(Map.of(ACCOUNT + "_20261201_业务明细.csv", new byte[] {(byte) 0x81, (byte) 0x20, '\n'}));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AlipayBill.read(zip, DAY, PID));
        assertTrue(refused.getMessage().contains("not GBK"), refused.getMessage());
    }
}
