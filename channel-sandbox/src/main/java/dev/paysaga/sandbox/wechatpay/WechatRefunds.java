package dev.paysaga.sandbox.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import dev.paysaga.sandbox.simulation.SandboxScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WeChat Pay's domestic refunds ({@code /v3/refund/domestic/refunds}): applies for a refund of a paid
 * order and answers the refund object, which the query by {@code out_refund_no} shows again; a refund asked
 * for with a {@code notify_url} is notified there when it succeeds. Requests are authenticated by
 * {@link WechatPayGateway} first.
 */
@ApplicationScoped
public class WechatRefunds {
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[A-Za-z0-9_*@|-]{1,64}");

    private final ObjectMapper json = new ObjectMapper();
    private final WechatOrders orders;
    private final WechatPayNotifier notifier;
    private final SandboxScheduler scheduler;
    private final Map<String, WechatOrder> orderByRefundNo = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
    private final long delayMillis;

    public WechatRefunds(WechatOrders orders, WechatPayNotifier notifier, SandboxScheduler scheduler,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.refund-delay-millis", defaultValue = "1000") long delayMillis) {
        this.orders = orders;
        this.notifier = notifier;
        this.scheduler = scheduler;
        this.delayMillis = delayMillis;
    }

    WechatPayGateway.Reply apply(String body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "请求体不是 JSON 对象");
        }
        String outRefundNo = request.path("out_refund_no").asText(null);
        JsonNode refund = request.path("amount").path("refund");
        JsonNode total = request.path("amount").path("total");
        if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "out_refund_no 须为 1 到 64 位字母、数字、_-|*@");
        }
        if (!refund.isIntegralNumber() || !refund.canConvertToLong() || refund.longValue() < 1
                || !total.isIntegralNumber() || !total.canConvertToLong()) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "amount.refund 与 amount.total 须为正整数（分）");
        }
        if (!"CNY".equals(request.path("amount").path("currency").asText("CNY"))) {
            return WechatPayGateway.Reply.error(400, "PARAM_ERROR", "amount.currency 仅支持 CNY");
        }
        Optional<WechatOrder> order = orders.find(request.path("out_trade_no").asText(null));
        if (order.isEmpty()) {
            return WechatPayGateway.Reply.error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        if (order.get().snapshot().totalFen() != total.longValue()) {
            return WechatPayGateway.Reply.error(400, "INVALID_REQUEST", "订单金额与原订单不一致");
        }
        WechatOrder.Refunding done = order.get().refund(outRefundNo, nextRefundId(), refund.longValue(), delayMillis);
        String notifyUrl = request.path("notify_url").asText(null);
        if (done.outcome() == WechatOrder.RefundOutcome.CREATED && notifyUrl != null) {
            WechatRefund created = done.refund();
            scheduler.later(delayMillis, () -> notifier.sendRefund(notifyUrl, notifier.refundNotificationOf(created)));
        }
        return switch (done.outcome()) {
            case CREATED, REPEATED -> {
                orderByRefundNo.putIfAbsent(outRefundNo, order.get());
                yield new WechatPayGateway.Reply(200, view(done.refund(), Instant.now()).toString());
            }
            case OTHER_AMOUNT -> WechatPayGateway.Reply.error(400, "INVALID_REQUEST", "退款单号重复，且退款金额不一致");
            case NOT_PAID -> WechatPayGateway.Reply.error(400, "INVALID_REQUEST", "订单未支付，不能退款");
            case EXCEEDS_REMAINING -> WechatPayGateway.Reply.error(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
        };
    }

    WechatPayGateway.Reply query(String outRefundNo) {
        WechatOrder order = outRefundNo == null ? null : orderByRefundNo.get(outRefundNo);
        Optional<WechatRefund> found = order == null ? Optional.empty() : order.refundOf(outRefundNo);
        return found.map(refund -> new WechatPayGateway.Reply(200, view(refund, Instant.now()).toString()))
                .orElseGet(() -> WechatPayGateway.Reply.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在"));
    }

    private ObjectNode view(WechatRefund refund, Instant now) {
        boolean done = refund.succeeded(now);
        ObjectNode view = json.createObjectNode()
                .put("refund_id", refund.refundId())
                .put("out_refund_no", refund.outRefundNo())
                .put("transaction_id", refund.transactionId())
                .put("out_trade_no", refund.outTradeNo())
                .put("channel", "ORIGINAL")
                .put("user_received_account", "支付用户零钱")
                .put("create_time", WechatRefund.time(refund.createdAt()))
                .put("status", done ? "SUCCESS" : "PROCESSING")
                .put("funds_account", "AVAILABLE");
        if (done) {
            view.put("success_time", WechatRefund.time(refund.successAt()));
        }
        view.putObject("amount").put("total", refund.totalFen()).put("refund", refund.refundFen())
                .put("payer_total", refund.totalFen()).put("payer_refund", refund.refundFen())
                .put("settlement_total", refund.totalFen()).put("settlement_refund", refund.refundFen())
                .put("discount_refund", 0).put("currency", "CNY");
        return view;
    }

    /** 29 digits like WeChat Pay's refund_id: 5030, then a sequence. */
    String nextRefundId() {
        return "5030" + String.format("%025d", sequence.incrementAndGet());
    }
}
