package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.domain.ChannelStatement;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * UnionPay's general transaction file of a merchant's day ({@code INN<yyMMdd>88ZM_<merId>}, "ZM", inside the
 * file transfer's zip) as a statement. One record a line (CRLF), GBK, fixed-width fields separated by one space.
 *
 * <p>Source of {@link #LAYOUT}: the widths are those of UnionPay's ACP Java SDK demo ({@code DemoBase.parseZMFile},
 * "参照《全渠道平台接入接口规范 第3部分 文件接口》 全渠道商户对账文件 6.1 ZM文件"), whose reader also shows the
 * one-byte separator ({@code leftIndex = rightIndex + 1}) and the GBK encoding; the field names come from a
 * merchant's field table written after that specification (交易代码 … 交易介质), and a third-party parser's byte
 * offsets (traceNo 28, txnTime 35, txnAmt 66, queryId 87, orderId 112, merId 293) agree with them. Not verified
 * (the specification itself was not available): the name of the 41st field (taken as 原交易订单号), the values of
 * 交易代码 (so the kind of a record is read from 交易类型, ACP's own txnType: 01 consume, 04 refund, 31 consumeUndo),
 * whether real records pad the reserved last field to its full width (we require it), and that 交易传输时间 is
 * Beijing time (ACP's traceTime is).
 *
 * <p>A record that is not exactly the layout's width, a field that cannot be read or another merchant's record fails
 * the whole file: a statement is all of the day or nothing. A consume whose orderId is none of our payments is a line
 * without our payment id (named by its queryId): money the channel took that reconciliation must report.
 * Error messages name the record and the field, never a value (帐号 is a card number, masked or not).
 */
final class ZmFile {
    /** One fixed-width field: our name, the specification's, its width in bytes. */
    record Field(String name, String label, int width) {
    }

    static final List<Field> LAYOUT = List.of(
            new Field("tradeCode", "交易代码", 3),
            new Field("acqInsCode", "代理机构标识码", 11),
            new Field("sendInsCode", "发送机构标识码", 11),
            new Field("traceNo", "系统跟踪号", 6),
            new Field("traceTime", "交易传输时间", 10),
            new Field("accNo", "帐号", 19),
            new Field("txnAmt", "交易金额", 12),
            new Field("merCatCode", "商户类别", 4),
            new Field("termType", "终端类型", 2),
            new Field("queryId", "查询流水号", 21),
            new Field("oldPayType", "支付方式（旧）", 2),
            new Field("orderId", "商户订单号", 32),
            new Field("payCardType", "支付卡类型", 2),
            new Field("origTraceNo", "原始交易的系统跟踪号", 6),
            new Field("origTraceTime", "原始交易日期时间", 10),
            new Field("merFee", "商户手续费", 13),
            new Field("settleAmt", "结算金额", 13),
            new Field("payType", "支付方式", 4),
            new Field("groupMerId", "集团商户代码", 15),
            new Field("txnType", "交易类型", 2),
            new Field("txnSubType", "交易子类", 2),
            new Field("bizType", "业务类型", 6),
            new Field("accType", "帐号类型", 2),
            new Field("billType", "账单类型", 4),
            new Field("billNo", "账单号码", 32),
            new Field("interactMode", "交互方式", 1),
            new Field("origQryId", "原交易查询流水号", 21),
            new Field("merId", "商户代码", 15),
            new Field("accountType", "分账入账方式", 1),
            new Field("subMerId", "二级商户代码", 15),
            new Field("subMerAbbr", "二级商户简称", 32),
            new Field("subMerAmt", "二级商户分账入账金额", 13),
            new Field("settleNetAmt", "清算净额", 13),
            new Field("termId", "终端号", 8),
            new Field("merReserved", "商户自定义域", 32),
            new Field("discountAmt", "优惠金额", 13),
            new Field("invoiceAmt", "发票金额", 13),
            new Field("installmentFee", "分期付款附加手续费", 12),
            new Field("installmentNum", "分期付款期数", 2),
            new Field("tradeMedia", "交易介质", 1),
            new Field("origOrderId", "原交易订单号", 32),
            new Field("reserved", "保留使用", 98));

    /** Where each field starts, by name. */
    private static final Map<String, Integer> OFFSET = new HashMap<>();
    private static final Map<String, Integer> WIDTH = new HashMap<>();
    /** A record's bytes: the fields and the one-byte separators between them (607). */
    static final int RECORD_BYTES;

    static {
        int offset = 0;
        for (Field field : LAYOUT) {
            OFFSET.put(field.name(), offset);
            WIDTH.put(field.name(), field.width());
            offset += field.width() + 1;
        }
        RECORD_BYTES = offset - 1;
    }

    static final Charset GBK = Charset.forName("GBK");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HHmmss");
    private static final Pattern FEN = Pattern.compile("[0-9]{12}");
    private static final Pattern QUERY_ID = Pattern.compile("[0-9A-Za-z]{1,21}");
    private static final Pattern DIGITS_10 = Pattern.compile("[0-9]{10}");
    private static final String CONSUME = "01";
    private static final String REFUND = "04";
    private static final String UNDO = "31";

    private ZmFile() {
    }

    /** The ZM file's name for a settle day: {@code INN<yyMMdd>88ZM_<merId>}. */
    static String name(LocalDate settleDay, String merId) {
        return "INN" + settleDay.format(DateTimeFormatter.ofPattern("yyMMdd")) + "88ZM_" + merId;
    }

    /**
     * The statement of {@code settleDay} in the zip's files: its ZM file must be among them. Refund lines carry the
     * consume's queryId as {@code channelTradeNo} (what we hold as the payment's), the payment id when that consume
     * is in the same file, and our refund id when the reversal's orderId is one of ours (a consumeUndo or refund made
     * beside the port has none).
     */
    static ChannelStatement statement(Map<String, byte[]> files, LocalDate settleDay, String merId) {
        byte[] zm = files.get(name(settleDay, merId));
        if (zm == null) {
            throw new IllegalArgumentException("the zip holds no " + name(settleDay, merId));
        }
        List<Map<String, String>> records = records(zm);
        Map<String, String> paymentByQueryId = new HashMap<>();
        for (Map<String, String> r : records) {
            if (CONSUME.equals(r.get("txnType"))) {
                paymentByQueryId.put(r.get("queryId"), OrderIds.paymentId(r.get("orderId")));
            }
        }
        List<ChannelStatement.Line> lines = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            lines.add(line(records.get(i), i + 1, settleDay, merId, paymentByQueryId));
        }
        return new ChannelStatement(UnionPayChannel.NAME, settleDay, List.copyOf(lines));
    }

    private static List<Map<String, String>> records(byte[] file) {
        List<Map<String, String>> records = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            int stop = end > start && file[end - 1] == '\r' ? end - 1 : end;
            number++;
            if (stop > start) {
                records.add(fields(file, start, stop - start, number));
            }
            start = end + 1;
        }
        return records;
    }

    private static Map<String, String> fields(byte[] file, int start, int length, int number) {
        if (length != RECORD_BYTES) {
            throw new IllegalArgumentException("record " + number + " is " + length + " bytes, not " + RECORD_BYTES);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : LAYOUT) {
            int at = start + OFFSET.get(field.name());
            if (at + field.width() < start + length && file[at + field.width()] != ' ') {
                throw new IllegalArgumentException("record " + number + " has no separator after " + field.name());
            }
            values.put(field.name(), new String(file, at, field.width(), GBK).strip());
        }
        return values;
    }

    private static ChannelStatement.Line line(Map<String, String> r, int number, LocalDate settleDay, String merId,
            Map<String, String> paymentByQueryId) {
        if (!merId.equals(r.get("merId"))) {
            throw new IllegalArgumentException("record " + number + " is another merchant's");
        }
        String amount = r.get("txnAmt");
        if (!FEN.matcher(amount).matches() || Long.parseLong(amount) == 0) {
            throw new IllegalArgumentException("record " + number + " has an unreadable txnAmt");
        }
        String queryId = r.get("queryId");
        if (!QUERY_ID.matcher(queryId).matches()) {
            throw new IllegalArgumentException("record " + number + " has an unreadable queryId");
        }
        Instant at = at(r.get("traceTime"), settleDay, number);
        long fen = Long.parseLong(amount);
        String orderId = r.get("orderId");
        switch (r.get("txnType")) {
            case CONSUME -> {
                // An orderId that is none of our payments' is still money the channel took for our merchant:
                // a line without our id, which reconciliation reports as a trade we never made.
                return new ChannelStatement.Line(ChannelStatement.Kind.PAYMENT, OrderIds.paymentId(orderId), queryId, null,
                        fen, "CNY", at);
            }
            case REFUND, UNDO -> {
                String origQryId = r.get("origQryId");
                if (!QUERY_ID.matcher(origQryId).matches()) {
                    throw new IllegalArgumentException("record " + number + " has an unreadable origQryId");
                }
                return new ChannelStatement.Line(ChannelStatement.Kind.REFUND, paymentByQueryId.get(origQryId), origQryId,
                        OrderIds.refundId(orderId), fen, "CNY", at);
            }
            default -> throw new IllegalArgumentException("record " + number + " has txnType " + safe(r.get("txnType")));
        }
    }

    /**
     * 交易传输时间 (MMddHHmmss, Beijing) has no year: the one that puts it nearest the settle day, so a file of
     * 1 January holds 31 December of the year before.
     */
    static Instant at(String traceTime, LocalDate settleDay, int number) {
        if (!DIGITS_10.matcher(traceTime).matches()) {
            throw new IllegalArgumentException("record " + number + " has an unreadable traceTime");
        }
        try {
            MonthDay monthDay = MonthDay.of(Integer.parseInt(traceTime.substring(0, 2)), Integer.parseInt(traceTime.substring(2, 4)));
            LocalDate best = null;
            for (int year = settleDay.getYear() - 1; year <= settleDay.getYear() + 1; year++) {
                if (!monthDay.isValidYear(year)) {
                    continue; // 29 February
                }
                LocalDate candidate = monthDay.atYear(year);
                if (best == null || Math.abs(candidate.toEpochDay() - settleDay.toEpochDay())
                        < Math.abs(best.toEpochDay() - settleDay.toEpochDay())) {
                    best = candidate;
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("record " + number + " has an unreadable traceTime");
            }
            LocalDateTime time = LocalDateTime.of(best, LocalTime.parse(traceTime.substring(4), HH_MM_SS));
            return time.atZone(OrderIds.BEIJING).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("record " + number + " has an unreadable traceTime");
        }
    }

    /** txnType is two characters of UnionPay's; anything else is not repeated. */
    private static String safe(String txnType) {
        return txnType.matches("[0-9]{2}") ? txnType : "(unreadable)";
    }
}
