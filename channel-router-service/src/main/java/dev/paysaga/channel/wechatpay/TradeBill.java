package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.DecimalAmounts;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WeChat Pay's trade bill ({@code bill_type=ALL}) as lines of a statement. The file is a header row,
 * one row per payment or refund and, after the summary header, one summary row; every detail value
 * carries a leading back-quote (so spreadsheets keep long numbers as text). Columns are read by their
 * header names, as WeChat Pay asks, not by position. Amounts are yuan with two decimals.
 */
final class TradeBill {
    static final String TIME = "交易时间";
    static final String MCHID = "商户号";
    static final String TRANSACTION_ID = "微信订单号";
    static final String OUT_TRADE_NO = "商户订单号";
    static final String STATE = "交易状态";
    static final String CURRENCY = "货币种类";
    static final String ORDER_AMOUNT = "订单金额";
    static final String OUT_REFUND_NO = "商户退款单号";
    static final String REFUND_AMOUNT = "申请退款金额";
    static final String SUMMARY_FIRST_COLUMN = "总交易单数";
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final int CNY_EXPONENT = 2;

    private TradeBill() {
    }

    /** The statement of {@code day}; a row that cannot be read, or another merchant's, fails the whole file. */
    static ChannelStatement parse(String file, LocalDate day, String mchid) {
        List<String> rows = file.lines().filter(line -> !line.isBlank()).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty bill");
        }
        Map<String, Integer> column = header(rows.get(0));
        List<ChannelStatement.Line> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String row = rows.get(r);
            if (row.startsWith(SUMMARY_FIRST_COLUMN)) {
                break; // the summary header and its one row end the details
            }
            String[] values = values(row, column.size(), r);
            if (!mchid.equals(values[column.get(MCHID)])) {
                throw new IllegalArgumentException("row " + r + " is another merchant's");
            }
            lines.add(line(values, column, r));
        }
        return new ChannelStatement(WechatPayChannel.NAME, day, List.copyOf(lines));
    }

    private static ChannelStatement.Line line(String[] v, Map<String, Integer> column, int r) {
        String state = v[column.get(STATE)];
        boolean refund = switch (state) {
            case "SUCCESS" -> false;
            case "REFUND" -> true;
            default -> throw new IllegalArgumentException("row " + r + " has trade state " + state);
        };
        String amount = v[column.get(refund ? REFUND_AMOUNT : ORDER_AMOUNT)];
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(v[column.get(TIME)], TIME_FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("row " + r + " has an unreadable time");
        }
        return new ChannelStatement.Line(refund ? ChannelStatement.Kind.REFUND : ChannelStatement.Kind.PAYMENT,
                v[column.get(OUT_TRADE_NO)], v[column.get(TRANSACTION_ID)], refund ? v[column.get(OUT_REFUND_NO)] : null,
                DecimalAmounts.parse(amount, CNY_EXPONENT), v[column.get(CURRENCY)], at.toInstant(BEIJING));
    }

    private static Map<String, Integer> header(String row) {
        String[] names = row.split(",", -1);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            column.put(names[i].strip(), i);
        }
        for (String needed : List.of(TIME, MCHID, TRANSACTION_ID, OUT_TRADE_NO, STATE, CURRENCY, ORDER_AMOUNT,
                OUT_REFUND_NO, REFUND_AMOUNT)) {
            if (!column.containsKey(needed)) {
                throw new IllegalArgumentException("bill header lacks " + needed);
            }
        }
        return column;
    }

    /** Values begin with a back-quote each, so ",`" separates them even where a value holds a comma. */
    private static String[] values(String row, int expected, int r) {
        if (!row.startsWith("`")) {
            throw new IllegalArgumentException("row " + r + " is not a detail row");
        }
        String[] values = row.substring(1).split(",`", -1);
        if (values.length != expected) {
            throw new IllegalArgumentException("row " + r + " has " + values.length + " values, not " + expected);
        }
        return values;
    }
}
