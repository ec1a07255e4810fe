package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Which endpoints owe which events. A delivery row is written in the transaction that records its event,
 * so an event is never recorded without the deliveries it owes, and the dispatcher finds them there.
 */
@ApplicationScoped
public class WebhookFanOut {
    private static final String SUBSCRIBED = "status = 'enabled' and enabled_events && array[cast(?3 as text), ?4, ?5]";
    private static final String OWE = """
            insert into webhook_delivery (event_id, endpoint_id, merchant_id, status)
            select ?1, id, merchant_id, 'pending' from webhook_endpoint
             where merchant_id = ?2 and""" + " " + SUBSCRIBED;
    // Again: whatever became of the earlier delivery; the attempt count goes on, so the log stays whole.
    private static final String AGAIN = """
            insert into webhook_delivery (event_id, endpoint_id, merchant_id, status)
            select ?1, id, merchant_id, 'pending' from webhook_endpoint
             where merchant_id = ?2 and""" + " " + SUBSCRIBED + """

            on conflict (event_id, endpoint_id) do update
               set status = 'pending', next_attempt_at = now(), leased_until = null, finished_at = null""";
    // Recovery: the endpoint's events since a time that it has not received (failed, cancelled or never owed).
    private static final String RECOVER = """
            insert into webhook_delivery (event_id, endpoint_id, merchant_id, status)
            select e.id, w.id, w.merchant_id, 'pending'
              from webhook_endpoint w
              join merchant_event e on e.merchant_id = w.merchant_id and e.occurred_at >= ?2
             where w.id = ?1 and w.status = 'enabled'
               and w.enabled_events && array['*', e.type, split_part(e.type, '.', 1) || '.*']
               and e.type in (%s)
            on conflict (event_id, endpoint_id) do update
               set status = 'pending', next_attempt_at = now(), leased_until = null, finished_at = null
             where webhook_delivery.status in ('failed', 'cancelled')""".formatted(
            WebhookEventTypes.TYPES.stream().sorted().map(type -> "'" + type + "'").collect(Collectors.joining(", ")));

    /** Owes the event to every enabled endpoint of its merchant that subscribed to its type. */
    public Uni<Void> owe(MerchantEvent event) {
        return deliver(OWE, event);
    }

    /** Delivers the event once more to every endpoint that subscribes to it now. */
    public Uni<Integer> resend(MerchantEvent event) {
        if (event.merchantId == null || !WebhookEventTypes.delivered(event.type)) {
            return Uni.createFrom().item(0);
        }
        return statement(AGAIN, event);
    }

    /** Owes the endpoint again every event since {@code since} that it has not received; how many. */
    public Uni<Integer> recover(WebhookEndpoint endpoint, Instant since) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECOVER)
                .setParameter(1, endpoint.id)
                .setParameter(2, since)
                .executeUpdate());
    }

    /**
     * Records that PaySaga stopped delivering to an endpoint, as an event of the merchant's own: in the
     * event log, on its event stream and to its other endpoints that subscribe to it.
     */
    public Uni<Void> endpointDisabled(WebhookEndpoint endpoint) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("id", endpoint.id)
                .put("url", endpoint.url)
                .put("status", endpoint.status)
                .put("disabled_reason", endpoint.disabledReason)
                .put("merchant_id", endpoint.merchantId);
        MerchantEvent event = new MerchantEvent();
        event.id = Ids.next("evt");
        event.messageId = event.id; // raised here, not read from a message
        event.type = WebhookEventTypes.ENDPOINT_DISABLED;
        event.subject = endpoint.id;
        event.merchantId = endpoint.merchantId;
        event.data = data;
        event.occurredAt = Instant.now();
        return event.persistAndFlush().chain(() -> owe(event));
    }

    private Uni<Void> deliver(String sql, MerchantEvent event) {
        if (event.merchantId == null || !WebhookEventTypes.delivered(event.type)) {
            return Uni.createFrom().voidItem();
        }
        return statement(sql, event).replaceWithVoid();
    }

    private static Uni<Integer> statement(String sql, MerchantEvent event) {
        String[] subscriptions = WebhookEventTypes.subscriptionsOf(event.type);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, event.id)
                .setParameter(2, event.merchantId)
                .setParameter(3, subscriptions[0])
                .setParameter(4, subscriptions[1])
                .setParameter(5, subscriptions[2])
                .executeUpdate());
    }
}
