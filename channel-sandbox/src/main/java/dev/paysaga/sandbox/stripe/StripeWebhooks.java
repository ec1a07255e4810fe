package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.sandbox.simulation.NotificationSender;
import dev.paysaga.sandbox.simulation.NotificationSender.Delivery;
import dev.paysaga.sandbox.simulation.NotificationSender.Post;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stripe's webhooks: an Event ({@code {"id":"evt_…","object":"event","type":…,"data":{"object":…}}}) POSTed as JSON
 * to the one configured endpoint (at Stripe, webhook endpoints belong to the account, not to a request), with
 * {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(signing secret, "<t>.<body>")>} made afresh on every
 * attempt, retried by the {@link NotificationSender} until the endpoint answers 2xx.
 */
@ApplicationScoped
public class StripeWebhooks {
    static final String API_VERSION = "2024-06-20";

    private final ObjectMapper json = new ObjectMapper();
    private final StripeKeys keys;
    private final NotificationSender sender;
    private final StripeIds ids;
    private final NotificationSender.RetryPolicy policy;
    private volatile String endpointUrl;

    public StripeWebhooks(StripeKeys keys, NotificationSender sender, StripeIds ids,
            @ConfigProperty(name = "paysaga.sandbox.stripe.webhook-url") String endpointUrl,
            @ConfigProperty(name = "paysaga.sandbox.stripe.notify.max-attempts") int maxAttempts,
            @ConfigProperty(name = "paysaga.sandbox.stripe.notify.first-retry-millis") long firstRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.stripe.notify.max-retry-millis") long maxRetryMillis,
            @ConfigProperty(name = "paysaga.sandbox.stripe.notify.timeout-millis") long timeoutMillis) {
        this.keys = keys;
        this.sender = sender;
        this.ids = ids;
        this.endpointUrl = endpointUrl;
        this.policy = new NotificationSender.RetryPolicy(maxAttempts, firstRetryMillis, maxRetryMillis,
                Duration.ofMillis(timeoutMillis));
    }

    String endpointUrl() {
        return endpointUrl;
    }

    void endpointUrl(String url) {
        endpointUrl = url;
    }

    /** Stripe counts any 2xx as received; the body is not read. */
    static boolean acknowledges(Delivery delivery) {
        return delivery.status() >= 200 && delivery.status() < 300;
    }

    /** Builds the event about {@code object} and, unless withheld, delivers it; kept on the intent for the admin API. */
    void emit(PaymentIntent intent, String type, ObjectNode object, boolean withhold) {
        ObjectNode event = json.createObjectNode()
                .put("id", ids.next("evt"))
                .put("object", "event")
                .put("api_version", API_VERSION)
                .put("created", Instant.now().getEpochSecond())
                .put("livemode", false)
                .put("pending_webhooks", 1)
                .put("type", type);
        event.putObject("data").set("object", object);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        String body = event.toString();
        intent.lastEvent(body);
        if (!withhold) {
            sender.send(delivery(intent, body, false), policy);
        }
    }

    /** One POST now, no retry: the admin API's duplicate, or a forgery signed with a secret the merchant lacks. */
    Delivery resend(PaymentIntent intent, String body, boolean forge) {
        return sender.sendOnce(delivery(intent, body, forge), policy.timeout());
    }

    private NotificationSender.Notification delivery(PaymentIntent intent, String body, boolean forge) {
        String url = endpointUrl;
        return new NotificationSender.Notification() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Post post() {
                long t = Instant.now().getEpochSecond();
                String v1 = forge ? keys.signAsForger(t, body) : keys.sign(t, body);
                return new Post("application/json; charset=utf-8", Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1),
                        body);
            }

            @Override
            public boolean acknowledgedBy(Delivery delivery) {
                return acknowledges(delivery);
            }

            @Override
            public void attempted(boolean acknowledged) {
                intent.webhookSent(acknowledged);
            }
        };
    }
}
