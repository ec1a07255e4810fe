package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.statements.ScriptedChannel;
import dev.paysaga.sandbox.statements.StatementScript;
import dev.paysaga.sandbox.statements.StatementScripts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alipay's trade bills ({@code alipay.data.dataservice.bill.downloadurl.query}, {@code bill_type=trade}): the
 * Beijing day's paid trades and refunds as Alipay's zip of two GBK CSV files, {@code <account>_<yyyyMMdd>_业务明细.csv}
 * and {@code …_业务明细(汇总).csv}, offered at {@code /downloadBillFile.resource} (the path of Alipay's bill host)
 * under a token that lapses after {@code bill-url-ttl-millis} (Alipay: 30 s). The account is the PID with Alipay's
 * {@code 0156} suffix. Unlike Alipay, which bills a day from the next day on, the sandbox bills today too, so tests
 * need not wait; a day without trades, or in the future, is {@code isp.bill_not_exist}. A day's
 * {@link StatementScript} is applied to its rows before the files and their totals are written.
 */
@ApplicationScoped
public class AlipayBills implements ScriptedChannel {
    static final Charset GBK = Charset.forName("GBK");
    static final String DOWNLOAD_PATH = "/downloadBillFile.resource";
    static final String HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    static final String SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
            + "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
    static final String LIST_START = "#-----------------------------------------业务明细列表----------------------------------------";
    static final String LIST_END = "#-----------------------------------------业务明细列表结束------------------------------------";
    static final String CNY_ACCOUNT_SUFFIX = "0156";
    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("uuuu年MM月dd日");
    private static final DateTimeFormatter CHINESE_TIME = DateTimeFormatter.ofPattern("uuuu年MM月dd日 HH:mm:ss");
    private static final DateTimeFormatter BILL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_TOKENS = 1_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final Trades trades;
    private final StatementScripts scripts;
    private final String account;
    private final long ttlMillis;
    private final Clock clock;
    private volatile String downloadBaseUrl;

    public AlipayBills(Trades trades, StatementScripts scripts, @ConfigProperty(name = "paysaga.sandbox.alipay.pid") String pid,
            @ConfigProperty(name = "paysaga.sandbox.alipay.bill-url-ttl-millis", defaultValue = "30000") long ttlMillis) {
        this.trades = trades;
        this.scripts = scripts;
        this.account = pid + CNY_ACCOUNT_SUFFIX;
        this.ttlMillis = ttlMillis;
        this.clock = Clock.system(AlipayTime.ZONE);
    }

    /** A bill offered under a token, good until {@code expiresAt}. */
    record Offer(String fileName, byte[] zip, Instant expiresAt) {
    }

    /**
     * Where bill_download_url points: null (the default) is the sandbox itself, as the request reached it; a test
     * may name another host to see the merchant refuse it.
     */
    void downloadBaseUrl(String baseUrl) {
        this.downloadBaseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }

    /** The answer to a bill request: the signed download URL, or Alipay's business failure. */
    AlipayReply downloadUrl(String key, String billType, String billDate, String ownBaseUrl) {
        if (!"trade".equals(billType)) {
            return AlipayReply.businessFailed(key, "isv.invalid_arguments", "入参不合法: 沙箱仅提供 bill_type=trade");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(billDate == null ? "" : billDate, BILL_DATE);
        } catch (DateTimeParseException e) {
            return AlipayReply.businessFailed(key, "isv.invalid_arguments", "入参不合法: 沙箱仅提供日账单 bill_date=yyyy-MM-dd");
        }
        if (day.isAfter(LocalDate.now(clock))) {
            return AlipayReply.businessFailed(key, "isp.bill_not_exist", "账单不存在");
        }
        List<Row> rows = rows(day);
        if (rows.isEmpty()) {
            return AlipayReply.businessFailed(key, "isp.bill_not_exist", "账单不存在");
        }
        String compact = day.format(DateTimeFormatter.BASIC_ISO_DATE);
        String fileName = account + "_" + compact + ".csv.zip";
        byte[] zip = zip(day, rows);
        Instant now = clock.instant();
        if (offers.size() >= MAX_TOKENS) {
            offers.values().removeIf(offer -> !offer.expiresAt().isAfter(now));
            if (offers.size() >= MAX_TOKENS) {
                offers.clear(); // unfetched tokens only; each lapses within seconds anyway
            }
        }
        String token = HexFormat.of().formatHex(random.generateSeed(16));
        offers.put(token, new Offer(fileName, zip, now.plusMillis(ttlMillis)));
        String base = downloadBaseUrl != null ? downloadBaseUrl : ownBaseUrl;
        String url = base + DOWNLOAD_PATH + "?bizType=trade&userId=" + account + "&fileType=csv.zip&bizDates=" + compact
                + "&downloadFileName=" + fileName + "&fileId=" + encode("/trade/" + account + "/" + compact + ".csv.zip")
                + "&timestamp=" + now.getEpochSecond() + "&token=" + token;
        return AlipayReply.success(key, Map.of("bill_download_url", url));
    }

    /** The bill behind a token while it is good. */
    Optional<Offer> download(String token) {
        Offer offer = token == null ? null : offers.get(token);
        if (offer == null) {
            return Optional.empty();
        }
        if (!offer.expiresAt().isAfter(clock.instant())) {
            offers.remove(token, offer);
            return Optional.empty();
        }
        return Optional.of(offer);
    }

    /** One row of the bill: a payment, or a refund (refund != null), of {@code cents} (positive either way). */
    private record Row(String at, Trade.Snapshot trade, Trade.Refund refund, long cents) {
        long orderCents() {
            return refund == null ? cents : -cents;
        }
    }

    /** The day's rows as the bill lists them: the trades' payments and refunds, then the day's script if any. */
    private List<Row> rows(LocalDate day) {
        List<Row> rows = tradeRows(day);
        return scripts.of(AlipayGateway.CHANNEL, day).map(script -> script.applyTo(rows, new ScriptedRows())).orElse(rows);
    }

    private List<Row> tradeRows(LocalDate day) {
        String prefix = day.toString(); // Alipay's times are "yyyy-MM-dd HH:mm:ss" in GMT+8, like the bill's day
        List<Row> rows = new ArrayList<>();
        for (Trade trade : trades.all()) {
            Trade.Snapshot t = trade.snapshot();
            if (t.gmtPayment() != null && t.gmtPayment().startsWith(prefix)) {
                rows.add(new Row(t.gmtPayment(), t, null, t.totalCents()));
            }
            for (Trade.Refund refund : trade.refunds()) {
                if (refund.gmtRefund().startsWith(prefix)) {
                    rows.add(new Row(refund.gmtRefund(), t, refund, refund.amountCents()));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::at));
        return rows;
    }

    @Override
    public String channel() {
        return AlipayGateway.CHANNEL;
    }

    @Override
    public ZoneId zone() {
        return AlipayTime.ZONE;
    }

    /** A made-up trade_no like Alipay's; a refund has no number of Alipay's own in the bill (out_request_no is ours). */
    @Override
    public StatementScript.Numbers numbers() {
        return new StatementScript.Numbers(trades::nextTradeNo, () -> null);
    }

    /** The script's view of the bill's rows: our payment id is out_trade_no, our refund id out_request_no. */
    private final class ScriptedRows implements StatementScript.Rows<Row> {
        @Override
        public String paymentId(Row row) {
            return row.trade().outTradeNo();
        }

        @Override
        public String refundId(Row row) {
            return row.refund() == null ? null : row.refund().outRequestNo();
        }

        @Override
        public Row withAmount(Row row, long amount) {
            return new Row(row.at(), row.trade(), row.refund(), amount);
        }

        @Override
        public Optional<Row> claimed(StatementScript.ClaimedRefund refund, Instant at) {
            String time = time(at);
            return trades.find(refund.paymentId(), null).map(trade -> new Row(time, trade.snapshot(),
                    new Trade.Refund(refund.refundId(), refund.amount(), time), refund.amount()));
        }

        @Override
        public Row extra(StatementScript.ExtraTrade trade, Instant at) {
            String time = time(at);
            Trade.Snapshot never = new Trade.Snapshot(trade.paymentId(), trade.channelTradeNo(), TradeStatus.TRADE_SUCCESS,
                    trade.amount(), "sandbox: a trade the merchant never made", null, time, time, null, false, 0, 0, 0);
            return new Row(time, never, null, trade.amount());
        }
    }

    private static String time(Instant at) {
        return LocalDateTime.ofInstant(at, AlipayTime.ZONE).format(AlipayTime.FORMAT);
    }

    private byte[] zip(LocalDate day, List<Row> rows) {
        String compact = day.format(DateTimeFormatter.BASIC_ISO_DATE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GBK entry names without the UTF-8 flag, as Alipay's zips have them (readers must name the charset).
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            zip.putNextEntry(new ZipEntry(account + "_" + compact + "_业务明细.csv"));
            zip.write(detail(day, rows).getBytes(GBK));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(account + "_" + compact + "_业务明细(汇总).csv"));
            zip.write(summary(day, rows).getBytes(GBK));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The detail file: Alipay's comment lines, header and rows; identifiers carry Alipay's trailing tab. */
    String detail(LocalDate day, List<Row> rows) {
        StringBuilder file = head("#支付宝业务明细查询", day).append(LIST_START).append('\n').append(HEADER).append('\n');
        for (Row row : rows) {
            Trade.Snapshot t = row.trade();
            boolean refund = row.refund() != null;
            String amount = yuan(row.orderCents());
            List<String> values = List.of(t.tradeNo() + "\t", t.outTradeNo() + "\t", (refund ? "退款" : "交易") + "\t",
                    csv(t.subject()), t.gmtCreate(), row.at(), "\t", "\t", "\t", "\t",
                    AlipayGateway.BUYER_LOGON_ID + "\t", amount, amount, "0.00", "0.00", "0.00", "0.00", "0.00", "",
                    "0.00\t", "0.00", refund ? row.refund().outRequestNo() + "\t" : "\t", "0.00", "0.00", csv(t.subject()));
            file.append(String.join(",", values)).append('\n');
        }
        long paid = rows.stream().filter(r -> r.refund() == null).mapToLong(Row::orderCents).sum();
        long refunded = rows.stream().filter(r -> r.refund() != null).mapToLong(Row::orderCents).sum();
        long paidCount = rows.stream().filter(r -> r.refund() == null).count();
        return file.append(LIST_END).append('\n')
                .append("#交易合计：").append(paidCount).append("笔，商家实收共").append(yuan(paid)).append("元，商家优惠共0.00元\n")
                .append("#退款合计：").append(rows.size() - paidCount).append("笔，商家实收退款共").append(yuan(refunded))
                .append("元，商家优惠退款共0.00元\n")
                .append("#导出时间：[").append(LocalDateTime.now(clock).format(CHINESE_TIME)).append("]\n").toString();
    }

    private String summary(LocalDate day, List<Row> rows) {
        long paidCount = rows.stream().filter(r -> r.refund() == null).count();
        long net = rows.stream().mapToLong(Row::orderCents).sum();
        return head("#支付宝业务汇总查询", day)
                .append("#-----------------------------------------业务汇总列表----------------------------------------\n")
                .append(SUMMARY_HEADER).append('\n')
                .append(String.join(",", List.of("\t", "\t", Long.toString(paidCount), Long.toString(rows.size() - paidCount),
                        yuan(net), yuan(net), "0.00", "0.00", "0.00", "0.00", "0.00", yuan(net)))).append('\n')
                .append("#-----------------------------------------业务汇总列表结束-----------------------------------\n")
                .append("#导出时间：[").append(LocalDateTime.now(clock).format(CHINESE_TIME)).append("]\n").toString();
    }

    private StringBuilder head(String title, LocalDate day) {
        return new StringBuilder(title).append('\n')
                .append("#账号：[").append(account).append("]\n")
                .append("#起始日期：[").append(day.format(CHINESE_DAY)).append(" 00:00:00]   终止日期：[")
                .append(day.plusDays(1).format(CHINESE_DAY)).append(" 00:00:00]\n");
    }

    /** A value holding a comma, quote or line break is quoted, so a subject cannot shift the columns. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String yuan(long cents) {
        String sign = cents < 0 ? "-" : "";
        return sign + AlipayAmount.format(Math.abs(cents));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
