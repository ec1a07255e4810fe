package dev.paysaga.channel.unionpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.runtime.ids.Ids;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ZM file and the file transfer's fileContent read as a statement, and everything that refuses one. */
class ZmFileTest {
    static final String MER_ID = "777290058110048";
    static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    static final String CARD = "6216***********4321";

    /** A record as UnionPay writes it: each field padded to its width, one space between. */
    static String record(Map<String, String> values) {
        StringBuilder line = new StringBuilder();
        for (ZmFile.Field field : ZmFile.LAYOUT) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            String value = values.getOrDefault(field.name(), "");
            line.append(value).append(" ".repeat(field.width() - value.getBytes(ZmFile.GBK).length));
        }
        return line.toString();
    }

    static Map<String, String> consume(String paymentId, String queryId, long fen) {
        Map<String, String> v = new HashMap<>(Map.of("tradeCode", "S22", "traceNo", "123456", "traceTime", "1130101530",
                "accNo", CARD, "txnAmt", String.format("%012d", fen), "queryId", queryId, "orderId", OrderIds.orderId(paymentId),
                "txnType", "01", "txnSubType", "07", "merId", MER_ID));
        v.put("subMerAbbr", "银联测试商户"); // GBK text: two bytes a character
        return v;
    }

    static Map<String, String> refund(String refundOrderId, String queryId, String origQryId, long fen) {
        return new HashMap<>(Map.of("tradeCode", "S30", "traceNo", "654321", "traceTime", "1130113000", "accNo", CARD,
                "txnAmt", String.format("%012d", fen), "queryId", queryId, "orderId", refundOrderId, "txnType", "04",
                "origQryId", origQryId, "merId", MER_ID));
    }

    static byte[] file(String... records) {
        return (String.join("\r\n", records) + "\r\n").getBytes(ZmFile.GBK);
    }

    static ChannelStatement read(byte[] zm) {
        return ZmFile.statement(Map.of(ZmFile.name(DAY, MER_ID), zm), DAY, MER_ID);
    }

    @Test
    void theLayoutIsTheSdksWidthsAndOffsets() {
        assertEquals(42, ZmFile.LAYOUT.size());
        assertEquals(607, ZmFile.RECORD_BYTES);
        assertEquals("INN26113088ZM_777290058110048", ZmFile.name(DAY, MER_ID));
    }

    @Test
    void paymentsAndRefundsAreReadWithTheirIdsAndExactAmounts() {
        String pay = Ids.next("pay");
        String re = Ids.next("re");
        String payQueryId = "862611301015300000001";
        ChannelStatement statement = read(file(
                record(consume(pay, payQueryId, 1234567890123L % 1_000_000_000_000L)),
                record(refund(OrderIds.refundOrderId(re), "862611301130000000002", payQueryId, 701)),
                record(refund("refundABCDEFGH12", "862611301130000000003", "862611290000000000009", 5))));

        assertEquals(DAY, statement.day());
        assertEquals("unionpay", statement.channel());
        List<ChannelStatement.Line> lines = statement.lines();
        assertEquals(3, lines.size());
        ChannelStatement.Line payment = lines.get(0);
        assertEquals(ChannelStatement.Kind.PAYMENT, payment.kind());
        assertEquals(pay, payment.paymentId());
        assertEquals(payQueryId, payment.channelTradeNo());
        assertNull(payment.refundId());
        assertEquals(234567890123L, payment.amountMinor());
        assertEquals("CNY", payment.currency());
        assertEquals(Instant.parse("2026-11-30T02:15:30Z"), payment.at(), "10:15:30 Beijing");

        ChannelStatement.Line refund = lines.get(1);
        assertEquals(ChannelStatement.Kind.REFUND, refund.kind());
        assertEquals(re, refund.refundId());
        assertEquals(pay, refund.paymentId(), "its consume is in the same file");
        assertEquals(payQueryId, refund.channelTradeNo());
        assertEquals(701, refund.amountMinor());

        ChannelStatement.Line besideThePort = lines.get(2);
        assertEquals(ChannelStatement.Kind.REFUND, besideThePort.kind());
        assertNull(besideThePort.refundId(), "a refund made beside the port has no refund id of ours");
        assertNull(besideThePort.paymentId(), "its consume was another day's");
        assertEquals("862611290000000000009", besideThePort.channelTradeNo());
        assertEquals(5, besideThePort.amountMinor());
    }

    @Test
    void aFileWithoutRecordsIsAnEmptyStatement() {
        assertTrue(read(new byte[0]).lines().isEmpty());
    }

    @Test
    void aJanuaryFileHoldsTheDecemberEveningBeforeIt() {
        assertEquals(Instant.parse("2026-12-31T15:59:59Z"), ZmFile.at("1231235959", LocalDate.of(2027, 1, 1), 1));
        assertEquals(Instant.parse("2027-01-01T00:00:01Z"), ZmFile.at("0101080001", LocalDate.of(2026, 12, 31), 1));
        assertEquals(Instant.parse("2026-06-15T04:00:00Z"), ZmFile.at("0615120000", LocalDate.of(2026, 6, 15), 1));
    }

    /** Every way a record or file is refused; the message never repeats the card number. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another merchant|merId|777290058119999|another merchant's",
            "amount not digits|txnAmt|00000000010x|unreadable txnAmt",
            "zero amount|txnAmt|000000000000|unreadable txnAmt",
            "time not a time|traceTime|1131256199|unreadable traceTime",
            "unknown txnType|txnType|99|txnType 99",
            "empty queryId|queryId|''|unreadable queryId"})
    void aRecordThatCannotBeTrustedRefusesTheWholeFile(String name, String field, String value, String why) {
        Map<String, String> bad = consume(Ids.next("pay"), "862611301015300000001", 100);
        bad.put(field, value);
        byte[] zm = file(record(consume(Ids.next("pay"), "862611301015300000004", 100)), record(bad));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> read(zm));
        assertTrue(refused.getMessage().contains("record 2"), refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
        assertFalse(refused.getMessage().contains(CARD), "no card number in the message");
    }

    @Test
    void aConsumeOfNoPaymentOfOursIsALineWithoutOurIdNamedByItsQueryId() {
        Map<String, String> foreign = consume(Ids.next("pay"), "862611301015300000009", 700);
        foreign.put("orderId", "order12345678");
        ChannelStatement statement = read(file(record(foreign)));
        assertEquals(1, statement.lines().size());
        assertEquals(null, statement.lines().get(0).paymentId());
        assertEquals("862611301015300000009", statement.lines().get(0).channelTradeNo());
        assertEquals(700, statement.lines().get(0).amountMinor());
    }

    @Test
    void aShortOrGarbledRecordRefusesTheWholeFile() {
        String good = record(consume(Ids.next("pay"), "862611301015300000001", 100));
        assertThrows(IllegalArgumentException.class, () -> read(file(good.substring(0, good.length() - 1))));
        assertThrows(IllegalArgumentException.class, () -> read(file(good + " ")));
        char[] shifted = good.toCharArray();
        shifted[3] = 'X'; // the separator after 交易代码
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(file(new String(shifted)))).getMessage()
                .contains("no separator after tradeCode"));
    }

    @Test
    void aZipWithoutTheDaysZmFileIsRefused() {
        byte[] zm = file(record(consume(Ids.next("pay"), "862611301015300000001", 100)));
        Map<String, byte[]> entries = AcpFileContent.entries(fileContent(Map.of(
                "INN26113088ZME_" + MER_ID, new byte[0], ZmFile.name(DAY.minusDays(1), MER_ID), zm)));
        assertEquals(2, entries.size());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ZmFile.statement(entries, DAY, MER_ID));
        assertTrue(refused.getMessage().contains("no INN26113088ZM_" + MER_ID), refused.getMessage());
    }

    @Test
    void fileContentIsBase64OfTheDeflatedZip() {
        String pay = Ids.next("pay");
        byte[] zm = file(record(consume(pay, "862611301015300000001", 4200)));
        Map<String, byte[]> entries = AcpFileContent.entries(fileContent(Map.of(ZmFile.name(DAY, MER_ID), zm)));
        ChannelStatement statement = ZmFile.statement(entries, DAY, MER_ID);
        assertEquals(pay, statement.lines().get(0).paymentId());
        assertEquals(4200, statement.lines().get(0).amountMinor());
    }

    @Test
    void anInflateBombIsRefusedBeforeItIsHeld() {
        byte[] zeros = new byte[AcpFileContent.MAX_BYTES + 1];
        String bomb = Base64.getEncoder().encodeToString(deflate(zeros));
        assertTrue(bomb.length() < 200_000, "a small answer");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AcpFileContent.entries(bomb));
        assertTrue(refused.getMessage().contains("inflates beyond"), refused.getMessage());
        // The same cap inside the zip: a small deflated zip whose entry is huge.
        String zipBomb = fileContent(Map.of(ZmFile.name(DAY, MER_ID), zeros));
        assertThrows(IllegalArgumentException.class, () -> AcpFileContent.entries(zipBomb));
    }

    @Test
    void whatIsNoZlibOrNoZipIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AcpFileContent.entries("not base64 !"));
        assertThrows(IllegalArgumentException.class, () -> AcpFileContent.entries(
                Base64.getEncoder().encodeToString("plain".getBytes())));
        assertThrows(IllegalArgumentException.class, () -> AcpFileContent.entries(
                Base64.getEncoder().encodeToString(deflate("not a zip".getBytes()))));
    }

    static String fileContent(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(deflate(bytes.toByteArray()));
    }

    static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
