package dev.paysaga.channel.alipay;

import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.DecimalAmounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay's trade bill ({@code bill_type=trade}) as lines of a statement. The download is a zip of GBK CSV
 * files; the detail file {@code <account>_<yyyyMMdd>_业务明细.csv} is read, the summary
 * ({@code …_业务明细(汇总).csv}) is not needed. The detail file is
 *
 * <pre>
 * #支付宝业务明细查询
 * #账号：[&lt;account&gt;]
 * #起始日期：[2026年12月01日 00:00:00]   终止日期：[2026年12月02日 00:00:00]
 * #-----…业务明细列表…-----
 * 支付宝交易号,商户订单号,业务类型,…,订单金额（元）,商家实收（元）,…,退款批次号/请求号,…   (the header)
 * one row per payment (业务类型 交易) or refund (退款, negative amounts)
 * #-----…业务明细列表结束…-----
 * #交易合计：N笔，商家实收共X元，商家优惠共Y元
 * #退款合计：M笔，商家实收退款共-Z元，商家优惠退款共W元
 * #导出时间：[…]
 * </pre>
 *
 * Columns are read by header name; values may carry a trailing tab (Alipay's guard against spreadsheets
 * reading long numbers as numbers), which is stripped. The account is the merchant's PID, written with the
 * {@code 0156} suffix in every sample seen ({@code 2088…0156}); both forms are taken as ours. Anything that
 * cannot be read — a row, the account, the day, the end-of-list line, totals that disagree with the rows —
 * refuses the whole file ({@link IllegalArgumentException}), never part of it.
 */
final class AlipayBill {
    /** The zip is inflated at most this far (a zip bomb stops here): a day of ours is far below it. */
    static final long MAX_UNCOMPRESSED_BYTES = 32L * 1024 * 1024;
    static final int MAX_ENTRIES = 16;
    static final Charset GBK = Charset.forName("GBK");
    static final String DETAIL_SUFFIX = "_业务明细.csv";
    static final String TITLE = "#支付宝业务明细查询";
    static final String ACCOUNT_PREFIX = "#账号：[";
    static final String LIST_END = "业务明细列表结束";
    static final String TRADE_NO = "支付宝交易号";
    static final String OUT_TRADE_NO = "商户订单号";
    static final String BUSINESS_TYPE = "业务类型";
    static final String FINISHED = "完成时间";
    static final String ORDER_AMOUNT = "订单金额（元）";
    static final String RECEIVED = "商家实收（元）";
    static final String OUT_REQUEST_NO = "退款批次号/请求号";
    static final String PAYMENT = "交易";
    static final String REFUND = "退款";
    static final String CNY_ACCOUNT_SUFFIX = "0156";
    private static final List<String> NEEDED = List.of(TRADE_NO, OUT_TRADE_NO, BUSINESS_TYPE, FINISHED, ORDER_AMOUNT,
            RECEIVED, OUT_REQUEST_NO);
    private static final Pattern PERIOD = Pattern.compile(
            "#起始日期：\\[(\\d{4})年(\\d{2})月(\\d{2})日 00:00:00]\\s+终止日期：\\[(\\d{4})年(\\d{2})月(\\d{2})日 00:00:00]");
    private static final Pattern PAYMENT_TOTAL = Pattern.compile("#交易合计：(\\d+)笔，商家实收共(-?[0-9.]+)元.*");
    private static final Pattern REFUND_TOTAL = Pattern.compile("#退款合计：(\\d+)笔，商家实收退款共(-?[0-9.]+)元.*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final int CNY_EXPONENT = 2;

    private AlipayBill() {
    }

    /** The statement of {@code day} in the downloaded zip, for the merchant {@code pid}. */
    static ChannelStatement read(byte[] zip, LocalDate day, String pid) {
        return parse(detailFile(zip, day, pid), day, pid);
    }

    /** The detail file's text: exactly one, named for our account and the day, inflated within the bound. */
    static String detailFile(byte[] zip, LocalDate day, String pid) {
        Set<String> accounts = accounts(pid);
        byte[] detail = null;
        long inflated = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            byte[] buffer = new byte[8192];
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("bill zip holds more than " + MAX_ENTRIES + " files");
                }
                String name = entry.getName();
                boolean isDetail = name.endsWith(DETAIL_SUFFIX);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    inflated += n;
                    if (inflated > MAX_UNCOMPRESSED_BYTES) {
                        throw new IllegalArgumentException("bill zip inflates past " + MAX_UNCOMPRESSED_BYTES + " bytes");
                    }
                    if (isDetail) {
                        content.write(buffer, 0, n);
                    }
                }
                if (!isDetail) {
                    continue; // the summary (汇总) and anything else: not needed, but counted against the bound
                }
                String prefix = name.substring(0, name.length() - DETAIL_SUFFIX.length());
                int cut = prefix.lastIndexOf('_');
                String account = cut < 0 ? "" : prefix.substring(0, cut);
                String date = cut < 0 ? "" : prefix.substring(cut + 1);
                if (!accounts.contains(account)) {
                    throw new IllegalArgumentException("bill detail file is another account's");
                }
                if (!date.equals(day.format(DateTimeFormatter.BASIC_ISO_DATE))) {
                    throw new IllegalArgumentException("bill detail file is of another day (" + date + ")");
                }
                if (detail != null) {
                    throw new IllegalArgumentException("bill zip holds two detail files");
                }
                detail = content.toByteArray();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("bill is not a readable zip");
        }
        if (detail == null) {
            throw new IllegalArgumentException("bill zip lacks the detail file (*" + DETAIL_SUFFIX + ")");
        }
        try {
            return GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(detail)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("bill detail file is not GBK text");
        }
    }

    /** The detail file's lines as a statement of {@code day}. */
    static ChannelStatement parse(String file, LocalDate day, String pid) {
        List<String> rows = file.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        int r = 0;
        String account = null;
        boolean titled = false;
        boolean dated = false;
        for (; r < rows.size() && rows.get(r).startsWith("#"); r++) {
            String comment = rows.get(r);
            titled |= comment.equals(TITLE);
            if (comment.startsWith(ACCOUNT_PREFIX) && comment.endsWith("]")) {
                account = comment.substring(ACCOUNT_PREFIX.length(), comment.length() - 1);
            }
            Matcher period = PERIOD.matcher(comment);
            if (period.matches()) {
                dated = true;
                if (!date(period, 1).equals(day) || !date(period, 4).equals(day.plusDays(1))) {
                    throw new IllegalArgumentException("bill covers another period than " + day);
                }
            }
        }
        if (!titled) {
            throw new IllegalArgumentException("bill lacks its title " + TITLE);
        }
        if (account == null || !accounts(pid).contains(account)) {
            throw new IllegalArgumentException("bill is another account's (or names none)");
        }
        if (!dated) {
            throw new IllegalArgumentException("bill names no period");
        }
        if (r >= rows.size()) {
            throw new IllegalArgumentException("bill has no header");
        }
        Map<String, Integer> column = header(rows.get(r++));
        List<ChannelStatement.Line> lines = new ArrayList<>();
        long paidCount = 0;
        long refundCount = 0;
        long receivedMinor = 0;
        long receivedBackMinor = 0;
        for (; r < rows.size() && !rows.get(r).startsWith("#"); r++) {
            String[] v = values(rows.get(r), column.size(), r);
            ChannelStatement.Line line = line(v, column, r);
            long received = signedAmount(v[column.get(RECEIVED)], r);
            if (line.kind() == ChannelStatement.Kind.PAYMENT) {
                paidCount++;
                receivedMinor = Math.addExact(receivedMinor, received);
            } else {
                refundCount++;
                receivedBackMinor = Math.addExact(receivedBackMinor, received);
            }
            lines.add(line);
        }
        if (r >= rows.size() || !rows.get(r).contains(LIST_END)) {
            throw new IllegalArgumentException("bill ends before its end-of-list line (truncated?)");
        }
        checkTotal(rows, r, PAYMENT_TOTAL, paidCount, receivedMinor, "payment");
        checkTotal(rows, r, REFUND_TOTAL, refundCount, receivedBackMinor, "refund");
        return new ChannelStatement(AlipayChannel.NAME, day, List.copyOf(lines));
    }

    private static ChannelStatement.Line line(String[] v, Map<String, Integer> column, int r) {
        String type = v[column.get(BUSINESS_TYPE)];
        boolean refund = switch (type) {
            case PAYMENT -> false;
            case REFUND -> true;
            default -> throw new IllegalArgumentException("row " + r + " has business type " + type);
        };
        long amount = signedAmount(v[column.get(ORDER_AMOUNT)], r);
        if (refund ? amount >= 0 : amount <= 0) {
            throw new IllegalArgumentException("row " + r + " has a " + (refund ? "refund" : "payment")
                    + " amount of the wrong sign");
        }
        String tradeNo = v[column.get(TRADE_NO)];
        String outTradeNo = v[column.get(OUT_TRADE_NO)];
        String outRequestNo = v[column.get(OUT_REQUEST_NO)];
        if (tradeNo.isEmpty() || outTradeNo.isEmpty() || (refund && outRequestNo.isEmpty())) {
            throw new IllegalArgumentException("row " + r + " lacks a trade number, order number or refund request number");
        }
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(v[column.get(FINISHED)], TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("row " + r + " has an unreadable time");
        }
        return new ChannelStatement.Line(refund ? ChannelStatement.Kind.REFUND : ChannelStatement.Kind.PAYMENT,
                outTradeNo, tradeNo, refund ? outRequestNo : null, Math.abs(amount), "CNY", at.toInstant(BEIJING));
    }

    /** The totals line must exist and agree with the rows: a count and a sum that differ mean a file we misread. */
    private static void checkTotal(List<String> rows, int end, Pattern total, long count, long sumMinor, String what) {
        for (int r = end + 1; r < rows.size(); r++) {
            Matcher m = total.matcher(rows.get(r));
            if (m.matches()) {
                if (Long.parseLong(m.group(1)) != count || signedAmount(m.group(2), r) != sumMinor) {
                    throw new IllegalArgumentException("bill's " + what + " total disagrees with its rows");
                }
                return;
            }
        }
        throw new IllegalArgumentException("bill lacks its " + what + " total");
    }

    private static long signedAmount(String text, int r) {
        boolean negative = text.startsWith("-");
        try {
            long minor = DecimalAmounts.parse(negative ? text.substring(1) : text, CNY_EXPONENT);
            return negative ? -minor : minor;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("row " + r + " has an unreadable amount");
        }
    }

    private static Map<String, Integer> header(String row) {
        String[] names = split(row, -1);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            column.put(names[i], i);
        }
        for (String needed : NEEDED) {
            if (!column.containsKey(needed)) {
                throw new IllegalArgumentException("bill header lacks " + needed);
            }
        }
        return column;
    }

    private static String[] values(String row, int expected, int r) {
        String[] values = split(row, r);
        if (values.length != expected) {
            throw new IllegalArgumentException("row " + r + " has " + values.length + " values, not " + expected);
        }
        return values;
    }

    /**
     * Comma-separated values, each stripped of spaces and of Alipay's trailing tab; a value in double quotes
     * may hold commas ({@code ""} is a quote), as CSV allows, though Alipay's samples quote nothing.
     */
    static String[] split(String row, int r) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.toString().isBlank()) {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString().strip());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("row " + r + " has an unclosed quote");
        }
        values.add(value.toString().strip());
        return values.toArray(String[]::new);
    }

    private static LocalDate date(Matcher m, int group) {
        try {
            return LocalDate.of(Integer.parseInt(m.group(group)), Integer.parseInt(m.group(group + 1)),
                    Integer.parseInt(m.group(group + 2)));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("bill names an impossible date");
        }
    }

    private static Set<String> accounts(String pid) {
        return Set.of(pid, pid + CNY_ACCOUNT_SUFFIX);
    }
}
