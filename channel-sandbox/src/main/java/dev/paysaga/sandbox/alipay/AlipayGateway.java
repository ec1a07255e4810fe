package dev.paysaga.sandbox.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.sandbox.admin.Behaviours;
import dev.paysaga.sandbox.admin.ChannelBehaviour;
import dev.paysaga.sandbox.alipay.TradeStatus.Event;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alipay's OpenAPI gateway ({@code gateway.do}): checks the common parameters and the merchant's RSA2
 * signature, then runs the method on biz_content and answers {@code {"<method>_response":{...},"sign":"..."}}.
 *
 * <p>Checks in order, each failure answered without touching any trade:
 * method (40001 isv.missing-method, 40002 isv.invalid-method), app_id (40001 isv.missing-app-id,
 * 40002 isv.invalid-app-id), charset (40002 isv.invalid-charset: utf-8 only), sign_type (40001
 * isv.missing-signature-type, 40002 isv.invalid-signature-type: RSA2 only), timestamp (40001
 * isv.missing-timestamp, 40002 isv.invalid-timestamp: "yyyy-MM-dd HH:mm:ss"; no freshness window, as Alipay
 * documents none), version (40001 isv.missing-version), sign (40001 isv.missing-signature, 40002
 * isv.invalid-signature). Then failure_rate answers 20000 isp.unknow-error, also without any change.
 */
@ApplicationScoped
public class AlipayGateway {
    static final String CHANNEL = "alipay";
    static final String PRECREATE = "alipay.trade.precreate";
    static final String QUERY = "alipay.trade.query";
    static final String CLOSE = "alipay.trade.close";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";
    static final String BILL_URL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";
    static final String BUYER_LOGON_ID = "sandbox***@alipay.test";

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final AlipayKeys keys;
    private final Trades trades;
    private final Behaviours behaviours;
    private final CustomerSimulator customers;
    private final Notifier notifier;
    private final AlipayBills bills;
    private final String appId;

    public AlipayGateway(AlipayKeys keys, Trades trades, Behaviours behaviours, CustomerSimulator customers,
            Notifier notifier, AlipayBills bills, @ConfigProperty(name = "paysaga.sandbox.alipay.app-id") String appId) {
        this.keys = keys;
        this.trades = trades;
        this.behaviours = behaviours;
        this.customers = customers;
        this.notifier = notifier;
        this.bills = bills;
        this.appId = appId;
    }

    /**
     * The response body for one gateway call's parameters (query string and form merged); {@code ownBaseUrl} is
     * the sandbox as the caller reached it, where bill download URLs point.
     */
    public String handle(Map<String, String> params, String ownBaseUrl) {
        return render(answer(params, ownBaseUrl));
    }

    AlipayReply answer(Map<String, String> params, String ownBaseUrl) {
        String method = params.get("method");
        if (blank(method)) {
            return AlipayReply.rejected("error_response", AlipayReply.MISSING_ARGUMENTS, "isv.missing-method", "缺少方法名参数");
        }
        if (!method.equals(PRECREATE) && !method.equals(QUERY) && !method.equals(CLOSE) && !method.equals(REFUND)
                && !method.equals(REFUND_QUERY) && !method.equals(BILL_URL_QUERY)) {
            return AlipayReply.rejected("error_response", AlipayReply.INVALID_ARGUMENTS, "isv.invalid-method", "不存在的方法名");
        }
        String key = method.replace('.', '_') + "_response";
        Optional<AlipayReply> rejected = checkCommonParameters(key, params);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        ChannelBehaviour behaviour = behaviours.of(CHANNEL);
        if (ThreadLocalRandom.current().nextDouble() < behaviour.failureRate()) {
            return AlipayReply.failed(key, AlipayReply.UNAVAILABLE, "isp.unknow-error", "系统繁忙");
        }
        JsonNode biz;
        try {
            biz = json.readTree(Optional.ofNullable(params.get("biz_content")).orElse(""));
        } catch (JsonProcessingException e) {
            biz = null;
        }
        if (biz == null || !biz.isObject()) {
            return invalid(key, "biz_content must be a JSON object");
        }
        return switch (method) {
            case PRECREATE -> precreate(key, biz, params.get("notify_url"), behaviour);
            case QUERY -> query(key, biz);
            case CLOSE -> close(key, biz);
            case REFUND -> refund(key, biz);
            case BILL_URL_QUERY -> bills.downloadUrl(key, text(biz, "bill_type"), text(biz, "bill_date"), ownBaseUrl);
            default -> refundQuery(key, biz);
        };
    }

    private Optional<AlipayReply> checkCommonParameters(String key, Map<String, String> params) {
        String missing = AlipayReply.MISSING_ARGUMENTS;
        String invalid = AlipayReply.INVALID_ARGUMENTS;
        if (blank(params.get("app_id"))) {
            return Optional.of(AlipayReply.rejected(key, missing, "isv.missing-app-id", "缺少appId参数"));
        }
        if (!appId.equals(params.get("app_id"))) {
            return Optional.of(AlipayReply.rejected(key, invalid, "isv.invalid-app-id", "无效的AppID参数"));
        }
        String charset = params.get("charset");
        if (!blank(charset) && !charset.equalsIgnoreCase("utf-8")) {
            return Optional.of(AlipayReply.rejected(key, invalid, "isv.invalid-charset", "字符集错误"));
        }
        if (blank(params.get("sign_type"))) {
            return Optional.of(AlipayReply.rejected(key, missing, "isv.missing-signature-type", "缺少签名类型参数"));
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            return Optional.of(AlipayReply.rejected(key, invalid, "isv.invalid-signature-type", "无效的签名类型"));
        }
        if (blank(params.get("timestamp"))) {
            return Optional.of(AlipayReply.rejected(key, missing, "isv.missing-timestamp", "缺少时间戳参数"));
        }
        if (!AlipayTime.valid(params.get("timestamp"))) {
            return Optional.of(AlipayReply.rejected(key, invalid, "isv.invalid-timestamp", "非法的时间戳参数"));
        }
        if (blank(params.get("version"))) {
            return Optional.of(AlipayReply.rejected(key, missing, "isv.missing-version", "缺少版本参数"));
        }
        if (blank(params.get("sign"))) {
            return Optional.of(AlipayReply.rejected(key, missing, "isv.missing-signature", "缺少签名参数"));
        }
        String content = AlipaySignatures.requestContent(params);
        if (!keys.signedByMerchant(content, params.get("sign"))) {
            // Like Alipay, show the string the gateway verified: the quickest way to find a canonicalisation bug.
            return Optional.of(AlipayReply.rejected(key, invalid, "isv.invalid-signature",
                    "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：" + content));
        }
        return Optional.empty();
    }

    private AlipayReply precreate(String key, JsonNode biz, String notifyUrl, ChannelBehaviour behaviour) {
        String outTradeNo = text(biz, "out_trade_no");
        String subject = text(biz, "subject");
        if (blank(outTradeNo) || outTradeNo.length() > 64) {
            return invalid(key, "out_trade_no is required, at most 64 characters");
        }
        if (blank(subject) || subject.length() > 256) {
            return invalid(key, "subject is required, at most 256 characters");
        }
        long totalCents;
        try {
            totalCents = AlipayAmount.parseCents(text(biz, "total_amount"));
        } catch (IllegalArgumentException e) {
            return invalid(key, "total_amount: " + e.getMessage());
        }
        Optional<Trades.Created> created = trades.createIfAbsent(outTradeNo, totalCents, subject, blank(notifyUrl) ? null : notifyUrl);
        if (created.isEmpty()) {
            return AlipayReply.businessFailed(key, "ACQ.SYSTEM_ERROR", "系统错误 (the sandbox holds its maximum of trades)");
        }
        Trade trade = created.get().trade();
        if (created.get().isNew()) {
            customers.onNewOrder(new AlipayCustomerOrder(trade, notifier), behaviour);
        } else {
            Trade.Snapshot now = trade.snapshot();
            if (now.totalCents() != totalCents) {
                return AlipayReply.businessFailed(key, "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
            }
            if (now.status() == TradeStatus.TRADE_SUCCESS) {
                return AlipayReply.businessFailed(key, "ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            }
            if (now.status() == TradeStatus.TRADE_CLOSED) {
                return AlipayReply.businessFailed(key, "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            }
        }
        Trade.Snapshot now = trade.snapshot();
        return AlipayReply.success(key, fields("out_trade_no", now.outTradeNo(), "qr_code", now.qrCode()));
    }

    private AlipayReply query(String key, JsonNode biz) {
        Optional<Trade> trade = find(biz);
        if (trade.isEmpty()) {
            return notFound(key, biz);
        }
        Trade.Snapshot now = trade.get().snapshot();
        boolean paid = now.gmtPayment() != null;
        return AlipayReply.success(key, fields(
                "trade_no", now.tradeNo(),
                "out_trade_no", now.outTradeNo(),
                "buyer_logon_id", paid ? BUYER_LOGON_ID : null,
                "trade_status", now.status().name(),
                "total_amount", AlipayAmount.format(now.totalCents()),
                "buyer_pay_amount", paid ? AlipayAmount.format(now.totalCents()) : null,
                "send_pay_date", now.gmtPayment()));
    }

    private AlipayReply close(String key, JsonNode biz) {
        Optional<Trade> trade = find(biz);
        if (trade.isEmpty()) {
            return notFound(key, biz);
        }
        Trade.Snapshot closed = trade.get().apply(Event.MERCHANT_CLOSES, AlipayTime.now());
        if (closed == null) {
            // Only a trade waiting for payment can be closed: paid, declined or already closed ones cannot.
            return AlipayReply.businessFailed(key, "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        }
        return AlipayReply.success(key, fields("trade_no", closed.tradeNo(), "out_trade_no", closed.outTradeNo()));
    }

    private AlipayReply refund(String key, JsonNode biz) {
        Optional<Trade> found = find(biz);
        if (found.isEmpty()) {
            return notFound(key, biz);
        }
        Trade trade = found.get();
        long refundCents;
        try {
            refundCents = AlipayAmount.parseCents(text(biz, "refund_amount"));
        } catch (IllegalArgumentException e) {
            return invalid(key, "refund_amount: " + e.getMessage());
        }
        String outRequestNo = text(biz, "out_request_no");
        if (blank(outRequestNo)) {
            // Without out_request_no Alipay takes the call as the one full refund of the trade.
            if (refundCents != trade.totalCents()) {
                return AlipayReply.businessFailed(key, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
            }
            outRequestNo = trade.outTradeNo();
        } else if (outRequestNo.length() > 64) {
            return invalid(key, "out_request_no is at most 64 characters");
        }
        Trade.RefundOutcome outcome = trade.refund(outRequestNo, refundCents, AlipayTime.now());
        return switch (outcome) {
            case REFUNDED, REPEATED -> {
                Trade.Snapshot now = trade.snapshot();
                yield AlipayReply.success(key, fields(
                        "trade_no", now.tradeNo(),
                        "out_trade_no", now.outTradeNo(),
                        "buyer_logon_id", BUYER_LOGON_ID,
                        // "N" on a repeated out_request_no: this call moved no money, the first one did.
                        "fund_change", outcome == Trade.RefundOutcome.REFUNDED ? "Y" : "N",
                        "refund_fee", AlipayAmount.format(now.refundedCents()),
                        "gmt_refund_pay", AlipayTime.now()));
            }
            case NOT_PAID -> AlipayReply.businessFailed(key, "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            case EXCEEDS_REMAINING -> AlipayReply.businessFailed(key, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
            case REQUEST_NO_REUSED -> AlipayReply.businessFailed(key, "ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求");
            case TOO_MANY_REFUNDS -> AlipayReply.businessFailed(key, "ACQ.TRADE_NOT_ALLOW_REFUND", "当前交易不允许退款");
        };
    }

    /** A refund that exists answers refund_status REFUND_SUCCESS; one that does not answers 10000 without it. */
    private AlipayReply refundQuery(String key, JsonNode biz) {
        Optional<Trade> found = find(biz);
        if (found.isEmpty()) {
            return notFound(key, biz);
        }
        Trade trade = found.get();
        String outRequestNo = text(biz, "out_request_no");
        if (blank(outRequestNo)) {
            return invalid(key, "out_request_no is required");
        }
        Long refundCents = trade.refundOf(outRequestNo);
        Trade.Snapshot now = trade.snapshot();
        if (refundCents == null) {
            return AlipayReply.success(key, fields("out_trade_no", now.outTradeNo(), "trade_no", now.tradeNo(),
                    "out_request_no", outRequestNo));
        }
        return AlipayReply.success(key, fields(
                "trade_no", now.tradeNo(),
                "out_trade_no", now.outTradeNo(),
                "out_request_no", outRequestNo,
                "total_amount", AlipayAmount.format(now.totalCents()),
                "refund_amount", AlipayAmount.format(refundCents),
                "refund_status", "REFUND_SUCCESS"));
    }

    private Optional<Trade> find(JsonNode biz) {
        return trades.find(text(biz, "out_trade_no"), text(biz, "trade_no"));
    }

    private static AlipayReply notFound(String key, JsonNode biz) {
        if (blank(text(biz, "out_trade_no")) && blank(text(biz, "trade_no"))) {
            return invalid(key, "out_trade_no or trade_no is required");
        }
        return AlipayReply.businessFailed(key, "ACQ.TRADE_NOT_EXIST", "交易不存在");
    }

    private static AlipayReply invalid(String key, String detail) {
        return AlipayReply.businessFailed(key, "ACQ.INVALID_PARAMETER", "参数无效: " + detail);
    }

    /** {"key":{...},"sign":"..."}: the sign covers exactly the bytes of the object between the key and ",\"sign\"". */
    String render(AlipayReply reply) {
        String object;
        try {
            object = json.writeValueAsString(reply.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String body = "{\"" + reply.key() + "\":" + object;
        if (reply.signed()) {
            body += ",\"sign\":\"" + keys.signAsPlatform(object) + "\"";
        }
        return body + "}";
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String text(JsonNode biz, String field) {
        JsonNode node = biz.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
