package dev.paysaga.sandbox.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.sandbox.simulation.NotificationSender;
import dev.paysaga.sandbox.simulation.NotificationSender.Delivery;
import dev.paysaga.sandbox.simulation.NotificationSender.Post;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WeChat Pay's payment notifications ({@code TRANSACTION.SUCCESS}): the transaction as the query answers it,
 * encrypted with AEAD_AES_256_GCM under the merchant's APIv3 key into {@code resource}, POSTed as JSON to the
 * order's notify_url with fresh platform-signature headers on every attempt, and retried by the
 * {@link NotificationSender} until the merchant answers 200 or 204. Like WeChat Pay for Native orders, only a
 * successful payment is notified; a failed or closed order is found by query. A refund asked for with a
 * notify_url is notified the same way ({@code REFUND.SUCCESS}, resource type {@code refund}) once it succeeds.
 */
@ApplicationScoped
public class WechatPayNotifier {
    static final String ASSOCIATED_DATA = "transaction";
    static final String REFUND_ASSOCIATED_DATA = "refund";
    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private final WechatPayKeys keys;
    private final PlatformSignature signature;
    private final NotificationSender sender;
    private final Transactions transactions;
    private final NotificationSender.RetryPolicy policy;

    public WechatPayNotifier(WechatPayKeys keys, PlatformSignature signature, NotificationSender sender,
            Transactions transactions,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.notify.max-attempts") int maxAttempts,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.notify.first-retry-millis") long firstRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.notify.max-retry-millis") long maxRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.notify.timeout-millis") long timeoutMillis) {
        this.keys = keys;
        this.signature = signature;
        this.sender = sender;
        this.transactions = transactions;
        this.policy = new NotificationSender.RetryPolicy(maxAttempts, firstRetryMillis, maxRetryMillis,
                Duration.ofMillis(timeoutMillis));
    }

    /** WeChat Pay stops resending on 200 or 204; the body is not read. */
    static boolean acknowledges(Delivery delivery) {
        return delivery.status() == 200 || delivery.status() == 204;
    }

    /** The notification body (one id for all its resends) of the order's current state. */
    String notificationOf(WechatOrder.Snapshot order) {
        return envelope("TRANSACTION.SUCCESS", "支付成功", ASSOCIATED_DATA, transactions.of(order).toString());
    }

    /** The notification body of a refund that succeeded. */
    String refundNotificationOf(WechatRefund refund) {
        return envelope("REFUND.SUCCESS", "退款成功", REFUND_ASSOCIATED_DATA, transactions.refundOf(refund).toString());
    }

    /** {@code originalType} is also the associated data the resource is sealed with, as WeChat Pay does. */
    private String envelope(String eventType, String summary, String originalType, String resource) {
        String nonce = nonce();
        ObjectNode body = json.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("create_time", WechatTime.now())
                .put("resource_type", "encrypt-resource")
                .put("event_type", eventType)
                .put("summary", summary);
        body.putObject("resource")
                .put("original_type", originalType)
                .put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", keys.encrypt(originalType, nonce, resource))
                .put("associated_data", originalType)
                .put("nonce", nonce);
        return body.toString();
    }

    /** Sends a refund's notification to the notify_url its request named, retried like a payment's. */
    void sendRefund(String notifyUrl, String body) {
        sender.send(delivery(notifyUrl, body, false, acknowledged -> { }), policy);
    }

    void send(WechatOrder order, String body) {
        sender.send(delivery(order, body, false), policy);
    }

    /** One POST now, no retry: the admin API's duplicate, or a forgery signed by an untrusted key. */
    Delivery resend(WechatOrder order, String body, boolean forge) {
        return sender.sendOnce(delivery(order, body, forge), policy.timeout());
    }

    private NotificationSender.Notification delivery(WechatOrder order, String body, boolean forge) {
        return delivery(order.notifyUrl(), body, forge, order::notificationSent);
    }

    /** A delivery signed afresh on every attempt; {@code attempted} hears how each one ended. */
    private NotificationSender.Notification delivery(String url, String body, boolean forge,
            java.util.function.Consumer<Boolean> attempted) {
        return new NotificationSender.Notification() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Post post() {
                return new Post("application/json", signature.headers(body, forge), body);
            }

            @Override
            public boolean acknowledgedBy(Delivery delivery) {
                return acknowledges(delivery);
            }

            @Override
            public void attempted(boolean acknowledged) {
                attempted.accept(acknowledged);
            }
        };
    }

    /** The resource nonce: 12 characters, as WeChat Pay's. */
    private static String nonce() {
        StringBuilder nonce = new StringBuilder();
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            nonce.append(NONCE_ALPHABET.charAt(random.nextInt(NONCE_ALPHABET.length())));
        }
        return nonce.toString();
    }
}
