package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.contracts.OrderClosed;
import dev.paysaga.contracts.OrderCreated;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.IncomingEvent;
import dev.paysaga.runtime.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records platform events for merchants, with the webhook deliveries each owes. Runs inside the inbox's
 * transaction.
 */
@ApplicationScoped
public class EventLog {
    /** Contract checks per known type; unknown types are kept as they are (newer producers). */
    private static final Map<String, Consumer<IncomingEvent>> CONTRACTS = Map.of(
            OrderCreated.TYPE, event -> {
                OrderCreated created = event.dataAs(OrderCreated.class);
                if (created.orderId() == null || created.merchantId() == null || created.amountMinor() <= 0) {
                    throw new PoisonMessageException(event + " breaks the order.created contract");
                }
            },
            OrderClosed.TYPE, event -> {
                if (event.dataAs(OrderClosed.class).orderId() == null) {
                    throw new PoisonMessageException(event + " breaks the order.closed contract");
                }
            });

    private final WebhookFanOut fanOut;

    EventLog(WebhookFanOut fanOut) {
        this.fanOut = fanOut;
    }

    public Uni<Void> record(IncomingEvent message) {
        CONTRACTS.getOrDefault(message.type(), ignored -> { }).accept(message);
        JsonNode data = message.dataAs(JsonNode.class);
        if (!data.isObject()) {
            throw new PoisonMessageException(message + " data is not a JSON object");
        }
        MerchantEvent event = new MerchantEvent();
        event.id = Ids.next("evt");
        event.messageId = message.id();
        event.type = message.type();
        event.subject = message.subject();
        event.merchantId = merchantOf(message.type(), data);
        event.data = data;
        event.traceId = traceId(message.traceparent());
        event.occurredAt = message.time() != null ? message.time() : Instant.now();
        // Flushed first: the deliveries refer to the event's row.
        return event.persistAndFlush().chain(() -> fanOut.owe(event));
    }

    /**
     * The merchant an event is about, the one whose key may read it: its data's {@code merchant_id};
     * {@code payment.requested} carries it inside its payment. Without one, only the platform reads it.
     */
    static String merchantOf(String type, JsonNode data) {
        JsonNode owner = PaymentRequested.TYPE.equals(type) ? data.path("payment") : data;
        return owner.path("merchant_id").asText(null);
    }

    /** The trace id of a W3C traceparent {@code 00-<trace id>-<span id>-<flags>}. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
    }
}
