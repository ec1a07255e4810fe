package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.simulation.NotificationSender;
import dev.paysaga.sandbox.simulation.NotificationSender.Delivery;
import dev.paysaga.sandbox.simulation.NotificationSender.Post;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alipay's asynchronous notifications ({@code notify_type=trade_status_sync}): built and signed (over all
 * non-empty fields except sign and sign_type), POSTed form-encoded to the trade's notify_url, and retried
 * by the {@link NotificationSender} until the merchant answers HTTP 200 with exactly {@code success}.
 */
@ApplicationScoped
public class Notifier {
    public static final String ACKNOWLEDGEMENT = "success";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final AlipayKeys keys;
    private final NotificationSender sender;
    private final String appId;
    private final NotificationSender.RetryPolicy policy;

    public Notifier(AlipayKeys keys, NotificationSender sender,
            @ConfigProperty(name = "paysaga.sandbox.alipay.app-id") String appId,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.max-attempts") int maxAttempts,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.first-retry-millis") long firstRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.max-retry-millis") long maxRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.timeout-millis") long timeoutMillis) {
        this.keys = keys;
        this.sender = sender;
        this.appId = appId;
        this.policy = new NotificationSender.RetryPolicy(maxAttempts, firstRetryMillis, maxRetryMillis,
                Duration.ofMillis(timeoutMillis));
    }

    /** Alipay stops resending only on HTTP 200 with exactly {@code success}. */
    public static boolean acknowledges(Delivery delivery) {
        return delivery.status() == 200 && ACKNOWLEDGEMENT.equals(delivery.body());
    }

    /** The signed notification of the trade's current status. */
    public Map<String, String> notificationOf(Trade.Snapshot trade) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", AlipayTime.now());
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", UUID.randomUUID().toString().replace("-", ""));
        fields.put("app_id", appId);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("sign_type", "RSA2");
        fields.put("trade_no", trade.tradeNo());
        fields.put("out_trade_no", trade.outTradeNo());
        fields.put("trade_status", trade.status().name());
        fields.put("total_amount", AlipayAmount.format(trade.totalCents()));
        fields.put("subject", trade.subject());
        fields.put("gmt_create", trade.gmtCreate());
        if (trade.gmtPayment() != null) {
            fields.put("gmt_payment", trade.gmtPayment());
            fields.put("receipt_amount", AlipayAmount.format(trade.totalCents()));
            fields.put("buyer_pay_amount", AlipayAmount.format(trade.totalCents()));
        }
        if (trade.gmtClose() != null) {
            fields.put("gmt_close", trade.gmtClose());
        }
        fields.values().removeIf(value -> value == null || value.isEmpty());
        fields.put("sign", keys.signAsPlatform(AlipaySignatures.notificationContent(fields)));
        return fields;
    }

    /** Sends in the background, retrying until acknowledged or max-attempts are spent. */
    public void send(Trade trade, Map<String, String> notification) {
        sender.send(delivery(trade, notification), policy);
    }

    /** One POST now, no retry: the admin API's duplicate or forged notification. */
    public Delivery resend(Trade trade, Map<String, String> notification, boolean forge) {
        Map<String, String> fields = new LinkedHashMap<>(notification);
        if (forge) {
            fields.put("sign", keys.signAsForger(AlipaySignatures.notificationContent(fields)));
        }
        return sender.sendOnce(delivery(trade, fields), policy.timeout());
    }

    /** Alipay resends the very same form every time. */
    private static NotificationSender.Notification delivery(Trade trade, Map<String, String> fields) {
        Post post = new Post(FORM, Map.of(), form(fields));
        return new NotificationSender.Notification() {
            @Override
            public String url() {
                return trade.notifyUrl();
            }

            @Override
            public Post post() {
                return post;
            }

            @Override
            public boolean acknowledgedBy(Delivery delivery) {
                return acknowledges(delivery);
            }

            @Override
            public void attempted(boolean acknowledged) {
                trade.notificationSent(acknowledged);
            }
        };
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
