package dev.paysaga.sandbox.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.sandbox.admin.Behaviours;
import dev.paysaga.sandbox.admin.ChannelBehaviour;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WeChat Pay API v3 for Native pay: authenticates each request, then creates, queries or closes an order.
 *
 * <p>Authentication first, each failure answered 401 {@code SIGN_ERROR} without touching any order: an
 * Authorization of the {@code WECHATPAY2-SHA256-RSA2048} schema with its five parameters, our merchant's
 * mchid and certificate serial, a timestamp within five minutes, and a signature that verifies with the
 * merchant's public key over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}. Then failure_rate answers
 * 500 {@code SYSTEM_ERROR}, also without any change.
 */
@ApplicationScoped
public class WechatPayGateway {
    static final String CHANNEL = "wechatpay";
    private static final long WINDOW_SECONDS = 300;
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_*|-]{6,32}");
    private static final long MAX_TOTAL_FEN = 100_000_000_00L;

    private final ObjectMapper json = new ObjectMapper();
    private final WechatPayKeys keys;
    private final WechatOrders orders;
    private final Transactions transactions;
    private final Behaviours behaviours;
    private final CustomerSimulator customers;
    private final WechatPayNotifier notifier;
    private final String mchid;
    private final String appid;
    private final String merchantSerial;

    public WechatPayGateway(WechatPayKeys keys, WechatOrders orders, Transactions transactions, Behaviours behaviours,
            CustomerSimulator customers, WechatPayNotifier notifier,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.mchid") String mchid,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.appid") String appid,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.merchant-serial") String merchantSerial) {
        this.keys = keys;
        this.orders = orders;
        this.transactions = transactions;
        this.behaviours = behaviours;
        this.customers = customers;
        this.notifier = notifier;
        this.mchid = mchid;
        this.appid = appid;
        this.merchantSerial = merchantSerial;
    }

    /** One answer before it is signed: status and JSON body (empty for 204). */
    public record Reply(int status, String body) {
        static Reply error(int status, String code, String message) {
            return new Reply(status, new ObjectMapper().createObjectNode().put("code", code).put("message", message).toString());
        }
    }

    /** The refusal of a request that is not genuinely the merchant's, or empty when it is. */
    Optional<Reply> authenticate(String method, String pathAndQuery, String authorization, String body) {
        WechatPayAuthorization auth = WechatPayAuthorization.parse(authorization);
        if (auth == null) {
            return Optional.of(Reply.error(401, "SIGN_ERROR", "Authorization 缺失或格式错误"));
        }
        if (!mchid.equals(auth.mchid()) || !merchantSerial.equals(auth.serialNo())) {
            return Optional.of(Reply.error(401, "SIGN_ERROR", "商户号或证书序列号错误"));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(auth.timestamp());
        } catch (NumberFormatException e) {
            return Optional.of(Reply.error(401, "SIGN_ERROR", "timestamp 格式错误"));
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > WINDOW_SECONDS) {
            return Optional.of(Reply.error(401, "SIGN_ERROR", "请求已过期"));
        }
        if (!keys.signedByMerchant(auth.message(method, pathAndQuery, body), auth.signature())) {
            return Optional.of(Reply.error(401, "SIGN_ERROR", "签名错误，请检查签名串：" + escaped(auth.message(method,
                    pathAndQuery, body))));
        }
        if (ThreadLocalRandom.current().nextDouble() < behaviours.of(CHANNEL).failureRate()) {
            return Optional.of(Reply.error(500, "SYSTEM_ERROR", "系统错误"));
        }
        return Optional.empty();
    }

    Reply createNative(String body) {
        JsonNode request = readObject(body);
        if (request == null) {
            return Reply.error(400, "PARAM_ERROR", "请求体不是 JSON 对象");
        }
        String outTradeNo = text(request, "out_trade_no");
        String description = text(request, "description");
        String notifyUrl = text(request, "notify_url");
        JsonNode total = request.path("amount").path("total");
        if (!appid.equals(text(request, "appid")) || !mchid.equals(text(request, "mchid"))) {
            return Reply.error(400, "PARAM_ERROR", "appid 与 mchid 不匹配");
        }
        if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            return Reply.error(400, "PARAM_ERROR", "out_trade_no 须为 6 到 32 位字母、数字、_-|*");
        }
        if (description == null || description.isEmpty() || description.length() > 127) {
            return Reply.error(400, "PARAM_ERROR", "description 为必填，最长 127 字符");
        }
        if (notifyUrl == null || !(notifyUrl.startsWith("http://") || notifyUrl.startsWith("https://"))) {
            return Reply.error(400, "PARAM_ERROR", "notify_url 须为 http(s) 地址");
        }
        if (!total.isIntegralNumber() || !total.canConvertToLong() || total.longValue() < 1
                || total.longValue() > MAX_TOTAL_FEN) {
            return Reply.error(400, "PARAM_ERROR", "amount.total 须为正整数（分）");
        }
        String currency = request.path("amount").path("currency").asText("CNY");
        if (!currency.equals("CNY")) {
            return Reply.error(400, "PARAM_ERROR", "amount.currency 仅支持 CNY");
        }
        long totalFen = total.longValue();
        var created = orders.createIfAbsent(outTradeNo, totalFen, description, notifyUrl);
        if (created.isEmpty()) {
            return Reply.error(500, "SYSTEM_ERROR", "系统错误 (the sandbox holds its maximum of orders)");
        }
        WechatOrder order = created.get().order();
        WechatOrder.Snapshot now = order.snapshot();
        if (created.get().isNew()) {
            // The answer is about the order as placed: the customer may act at once, on another thread.
            ChannelBehaviour behaviour = behaviours.of(CHANNEL);
            customers.onNewOrder(new WechatPayCustomerOrder(order, notifier), behaviour);
            return new Reply(200, json.createObjectNode().put("code_url", now.codeUrl()).toString());
        }
        if (now.totalFen() != totalFen || !now.description().equals(description)) {
            return Reply.error(400, "INVALID_REQUEST", "商户订单号重复，且订单信息不一致");
        }
        return switch (now.state()) {
            case NOTPAY -> new Reply(200, json.createObjectNode().put("code_url", now.codeUrl()).toString());
            case SUCCESS, REFUND -> Reply.error(400, "ORDER_PAID", "订单已支付");
            case CLOSED, PAYERROR -> Reply.error(400, "ORDER_CLOSED", "订单已关闭");
        };
    }

    Reply query(String outTradeNo, String queryMchid) {
        if (!mchid.equals(queryMchid)) {
            return Reply.error(400, "PARAM_ERROR", "mchid 须为本商户号");
        }
        return orders.find(outTradeNo)
                .map(order -> new Reply(200, transactions.of(order.snapshot()).toString()))
                .orElseGet(() -> Reply.error(404, "ORDER_NOT_EXIST", "订单不存在"));
    }

    Reply close(String outTradeNo, String body) {
        JsonNode request = readObject(body);
        if (request == null || !mchid.equals(text(request, "mchid"))) {
            return Reply.error(400, "PARAM_ERROR", "mchid 须为本商户号");
        }
        Optional<WechatOrder> order = orders.find(outTradeNo);
        if (order.isEmpty()) {
            return Reply.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        if (order.get().apply(OrderState.Event.MERCHANT_CLOSES) == null) {
            OrderState state = order.get().snapshot().state();
            return state == OrderState.SUCCESS || state == OrderState.REFUND
                    ? Reply.error(400, "ORDER_PAID", "订单已支付")
                    : Reply.error(400, "ORDER_CLOSED", "订单已关闭");
        }
        return new Reply(204, "");
    }

    private JsonNode readObject(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** Like WeChat Pay, show the string the gateway verified, newlines escaped: the quickest way to find a signing bug. */
    private static String escaped(String message) {
        return message.replace("\n", "\\n");
    }
}
