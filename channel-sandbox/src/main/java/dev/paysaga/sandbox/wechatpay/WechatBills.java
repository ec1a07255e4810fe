package dev.paysaga.sandbox.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.sandbox.statements.ScriptedChannel;
import dev.paysaga.sandbox.statements.StatementScript;
import dev.paysaga.sandbox.statements.StatementScripts;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WeChat Pay's trade bills ({@code GET /v3/bill/tradebill}): the day's paid orders and refunds as
 * WeChat Pay's CSV (header row, back-quoted values, summary rows), offered under a one-time download
 * token with the file's SHA-1. Unlike WeChat Pay, which bills a day from 10:00 the next day, the sandbox
 * bills any day up to today, so tests need not wait a day. A day's {@link StatementScript} is applied to its rows
 * before the summary and the hash are computed.
 */
@ApplicationScoped
public class WechatBills implements ScriptedChannel {
    static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String SUMMARY = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_TOKENS = 1_000;

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final WechatOrders orders;
    private final WechatRefunds refunds;
    private final StatementScripts scripts;
    private final String mchid;
    private final String appid;

    public WechatBills(WechatOrders orders, WechatRefunds refunds, StatementScripts scripts, @ConfigProperty(name = "paysaga.sandbox.wechatpay.mchid") String mchid,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.appid") String appid) {
        this.orders = orders;
        this.refunds = refunds;
        this.scripts = scripts;
        this.mchid = mchid;
        this.appid = appid;
    }

    /** The answer to a bill request: where to download it and its hash, or WeChat Pay's refusal. */
    WechatPayGateway.Reply tradeBill(String billDate, String billType, String baseUrl) {
        LocalDate day;
        try {
            day = LocalDate.parse(billDate == null ? "" : billDate);
        } catch (DateTimeParseException e) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "bill_date 须为 yyyy-MM-dd");
        }
        if (billType != null && !billType.equals("ALL")) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "沙箱仅提供 bill_type=ALL");
        }
        if (day.isAfter(LocalDate.now(BEIJING))) {
            return WechatPayGateway.Reply.error(400, "INVALID_REQUEST", "账单日期不能晚于今天");
        }
        List<Row> rows = rows(day);
        if (rows.isEmpty()) {
            return WechatPayGateway.Reply.error(400, "NO_STATEMENT_EXIST", "账单文件不存在");
        }
        byte[] file = render(rows).getBytes(StandardCharsets.UTF_8);
        if (files.size() >= MAX_TOKENS) {
            files.clear(); // unfetched old tokens only: a token is good for one download
        }
        String token = HexFormat.of().formatHex(random.generateSeed(16));
        files.put(token, file);
        return new WechatPayGateway.Reply(200, json.createObjectNode().put("hash_type", "SHA1")
                .put("hash_value", HexFormat.of().formatHex(sha1(file)))
                .put("download_url", baseUrl + "/v3/billdownload/file?token=" + token).toString());
    }

    /** The file behind a token, once. */
    Optional<byte[]> download(String token) {
        return Optional.ofNullable(token == null ? null : files.remove(token));
    }

    /** One row of the bill: a paid order, or a refund paid back, of {@code fen}. */
    private record Row(Instant at, WechatOrder.Snapshot order, WechatRefund refund, long fen) {
        long paidFen() {
            return refund == null ? fen : 0;
        }

        long refundFen() {
            return refund == null ? 0 : fen;
        }
    }

    /** The day's rows as the bill lists them: the orders' payments and refunds, then the day's script if any. */
    private List<Row> rows(LocalDate day) {
        List<Row> rows = orderRows(day);
        return scripts.of(WechatPayGateway.CHANNEL, day).map(script -> script.applyTo(rows, new ScriptedRows())).orElse(rows);
    }

    private List<Row> orderRows(LocalDate day) {
        List<Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (WechatOrder order : orders.all()) {
            WechatOrder.Snapshot o = order.snapshot();
            if (o.successTime() != null) {
                Instant paid = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(o.successTime()));
                if (onDay(paid, day)) {
                    rows.add(new Row(paid, o, null, o.totalFen()));
                }
            }
            for (WechatRefund refund : order.refunds()) {
                if (refund.succeeded(now) && onDay(refund.successAt(), day)) {
                    rows.add(new Row(refund.successAt(), o, refund, refund.refundFen()));
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::at));
        return rows;
    }

    private String render(List<Row> rows) {
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            WechatOrder.Snapshot o = row.order();
            boolean refund = row.refund() != null;
            List<String> v = List.of(LocalDateTime.ofInstant(row.at(), BEIJING).format(TIME), appid, mchid, "0", "",
                    o.transactionId(), o.outTradeNo(), "oSandboxPayer0000000000000001", "NATIVE",
                    refund ? "REFUND" : "SUCCESS", "OTHERS", "CNY", yuan(row.paidFen()), "0.00",
                    refund ? row.refund().refundId() : "0", refund ? row.refund().outRefundNo() : "0",
                    yuan(row.refundFen()), "0.00", refund ? "ORIGINAL" : "", refund ? "SUCCESS" : "", o.description(), "",
                    "0.00000", "0.60%", yuan(refund ? o.totalFen() : row.paidFen()), yuan(row.refundFen()), "");
            file.append('`').append(String.join(",`", v)).append('\n');
        }
        long paid = rows.stream().mapToLong(Row::paidFen).sum();
        long refunded = rows.stream().mapToLong(Row::refundFen).sum();
        file.append(SUMMARY).append('\n').append(String.join(",", List.of("`" + rows.size(), "`" + yuan(paid),
                "`" + yuan(refunded), "`0.00", "`0.00000", "`" + yuan(paid), "`" + yuan(refunded)))).append('\n');
        return file.toString();
    }

    @Override
    public String channel() {
        return WechatPayGateway.CHANNEL;
    }

    @Override
    public ZoneId zone() {
        return BEIJING;
    }

    /** Made-up transaction_id and refund_id like WeChat Pay's. */
    @Override
    public StatementScript.Numbers numbers() {
        return new StatementScript.Numbers(orders::nextTransactionId, refunds::nextRefundId);
    }

    /** The script's view of the bill's rows: our payment id is 商户订单号 (out_trade_no), our refund id 商户退款单号. */
    private final class ScriptedRows implements StatementScript.Rows<Row> {
        @Override
        public String paymentId(Row row) {
            return row.order().outTradeNo();
        }

        @Override
        public String refundId(Row row) {
            return row.refund() == null ? null : row.refund().outRefundNo();
        }

        @Override
        public Row withAmount(Row row, long amount) {
            return new Row(row.at(), row.order(), row.refund(), amount);
        }

        @Override
        public Optional<Row> claimed(StatementScript.ClaimedRefund refund, Instant at) {
            return orders.find(refund.paymentId()).map(WechatOrder::snapshot).map(o -> new Row(at, o,
                    new WechatRefund(refund.refundId(), refund.channelRefundId(), o.outTradeNo(), o.transactionId(),
                            o.totalFen(), refund.amount(), at, 0), refund.amount()));
        }

        @Override
        public Row extra(StatementScript.ExtraTrade trade, Instant at) {
            String paid = WechatRefund.time(at);
            return new Row(at, new WechatOrder.Snapshot(trade.paymentId(), trade.channelTradeNo(), OrderState.SUCCESS,
                    trade.amount(), "sandbox: a trade the merchant never made", null, paid, false, 0, 0), null, trade.amount());
        }
    }

    private static boolean onDay(Instant at, LocalDate day) {
        return LocalDateTime.ofInstant(at, BEIJING).toLocalDate().equals(day);
    }

    private static String yuan(long fen) {
        return fen / 100 + "." + String.format("%02d", fen % 100);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
