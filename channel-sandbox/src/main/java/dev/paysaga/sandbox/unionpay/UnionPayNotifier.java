package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.simulation.NotificationSender;
import dev.paysaga.sandbox.simulation.NotificationSender.Delivery;
import dev.paysaga.sandbox.simulation.NotificationSender.Post;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * UnionPay's back notification of a paid consume, or of a consumeUndo / refund taken: the transaction's fields
 * (an undo's or refund's with its origQryId), signed with UnionPay's signing key
 * (signPubKeyCert carried along), POSTed form-encoded in UTF-8 to the order's backUrl and resent through the
 * shared {@link NotificationSender} until the merchant answers HTTP 200 (UnionPay reads the status, not the body).
 * The same signed form goes out on every attempt, as UnionPay resends the same notification.
 */
@ApplicationScoped
public class UnionPayNotifier {
    private final UnionPayKeys keys;
    private final NotificationSender sender;
    private final String merId;
    private final NotificationSender.RetryPolicy policy;

    public UnionPayNotifier(UnionPayKeys keys, NotificationSender sender,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.mer-id") String merId,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.notify.max-attempts") int maxAttempts,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.notify.first-retry-millis") long firstRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.notify.max-retry-millis") long maxRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.notify.timeout-millis") long timeoutMillis) {
        this.keys = keys;
        this.sender = sender;
        this.merId = merId;
        this.policy = new NotificationSender.RetryPolicy(maxAttempts, firstRetryMillis, maxRetryMillis,
                Duration.ofMillis(timeoutMillis));
    }

    static boolean acknowledges(Delivery delivery) {
        return delivery.status() == 200;
    }

    /** The notification of a paid consume or a taken undo / refund, unsigned (signed as it is sent). */
    Map<String, String> notificationOf(AcpTransaction.Snapshot paid, String txnSubType) {
        String traceTime = paid.traceTime() != null ? paid.traceTime() : AcpTime.traceTime(AcpTime.now());
        String traceNo = paid.traceNo() != null ? paid.traceNo()
                : String.format("%06d", Math.floorMod(paid.queryId().hashCode(), 1_000_000));
        Map<String, String> fields = new TreeMap<>();
        fields.put("version", AcpCodes.VERSION);
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", AcpCodes.SIGN_METHOD_RSA);
        fields.put("txnType", paid.txnType());
        fields.put("txnSubType", txnSubType);
        fields.put("bizType", AcpCodes.BIZ_QR);
        fields.put("accessType", "0");
        fields.put("merId", merId);
        fields.put("orderId", paid.orderId());
        fields.put("txnTime", paid.txnTime());
        fields.put("txnAmt", Long.toString(paid.amountFen()));
        fields.put("currencyCode", AcpCodes.CURRENCY_CNY);
        fields.put("queryId", paid.queryId());
        if (paid.origQryId() != null) {
            fields.put("origQryId", paid.origQryId());
        }
        fields.put("respCode", AcpCodes.SUCCESS);
        fields.put("respMsg", "成功[0000000]");
        fields.put("settleAmt", Long.toString(paid.amountFen()));
        fields.put("settleCurrencyCode", AcpCodes.CURRENCY_CNY);
        fields.put("settleDate", traceTime.substring(0, 4));
        fields.put("traceNo", traceNo);
        fields.put("traceTime", traceTime);
        return fields;
    }

    void send(AcpTransaction tx, Map<String, String> fields) {
        sender.send(delivery(tx, fields, false), policy);
    }

    /** One POST now, no retry: the admin API's duplicate, or a forgery signed by an untrusted key. */
    Delivery resend(AcpTransaction tx, Map<String, String> fields, boolean forge) {
        return sender.sendOnce(delivery(tx, fields, forge), policy.timeout());
    }

    private NotificationSender.Notification delivery(AcpTransaction tx, Map<String, String> fields, boolean forge) {
        String body = formBody(keys.sign(new TreeMap<>(fields), forge));
        return new NotificationSender.Notification() {
            @Override
            public String url() {
                return tx.backUrl;
            }

            @Override
            public Post post() {
                return new Post("application/x-www-form-urlencoded;charset=UTF-8", Map.of(), body);
            }

            @Override
            public boolean acknowledgedBy(Delivery delivery) {
                return acknowledges(delivery);
            }

            @Override
            public void attempted(boolean acknowledged) {
                tx.notificationSent(acknowledged);
            }
        };
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
