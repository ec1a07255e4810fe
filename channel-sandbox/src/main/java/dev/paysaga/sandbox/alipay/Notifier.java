package dev.paysaga.sandbox.alipay;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Alipay's asynchronous notifications ({@code notify_type=trade_status_sync}): built and signed (over all
 * non-empty fields except sign and sign_type), POSTed form-encoded to the trade's notify_url, and retried with
 * doubling delays until the merchant answers HTTP 200 with exactly {@code success}, at most max-attempts times.
 */
@ApplicationScoped
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    public static final String ACKNOWLEDGEMENT = "success";

    private final AlipayKeys keys;
    private final SandboxScheduler scheduler;
    private final String appId;
    private final int maxAttempts;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final Duration timeout;
    private final HttpClient http;

    public Notifier(AlipayKeys keys, SandboxScheduler scheduler,
            @ConfigProperty(name = "paysaga.sandbox.alipay.app-id") String appId,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.max-attempts") int maxAttempts,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.first-retry-millis") long firstRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.max-retry-millis") long maxRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.alipay.notify.timeout-millis") long timeoutMillis) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("paysaga.sandbox.alipay.notify.max-attempts must be 1 to 100");
        }
        this.keys = keys;
        this.scheduler = scheduler;
        this.appId = appId;
        this.maxAttempts = maxAttempts;
        this.firstRetryMillis = firstRetryMillis;
        this.maxRetryMillis = maxRetryMillis;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** What the merchant answered to one POST. */
    public record Delivery(int status, String body, String error) {
        public boolean acknowledged() {
            return status == 200 && ACKNOWLEDGEMENT.equals(body);
        }
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
        scheduler.later(0, () -> attempt(trade, notification, 1));
    }

    /** One POST now, no retry: the admin API's duplicate or forged notification. */
    public Delivery resend(Trade trade, Map<String, String> notification, boolean forge) {
        Map<String, String> fields = new LinkedHashMap<>(notification);
        if (forge) {
            fields.put("sign", keys.signAsForger(AlipaySignatures.notificationContent(fields)));
        }
        Delivery delivery = post(trade.notifyUrl(), fields);
        trade.notificationSent(delivery.acknowledged());
        return delivery;
    }

    private void attempt(Trade trade, Map<String, String> notification, int attempt) {
        Delivery delivery = post(trade.notifyUrl(), notification);
        trade.notificationSent(delivery.acknowledged());
        if (delivery.acknowledged()) {
            return;
        }
        if (attempt >= maxAttempts) {
            LOG.warnf("alipay notification for %s not acknowledged after %d attempts (last: %s)",
                    trade.outTradeNo(), attempt, delivery);
            return;
        }
        long delayMillis = Math.min(maxRetryMillis, firstRetryMillis << Math.min(attempt - 1, 20));
        LOG.debugf("alipay notification for %s attempt %d answered %s; retry in %d ms",
                trade.outTradeNo(), attempt, delivery, delayMillis);
        scheduler.later(delayMillis, () -> attempt(trade, notification, attempt + 1));
    }

    private Delivery post(String url, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(response.statusCode(), response.body(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Delivery(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, null, "interrupted");
        }
    }
}
