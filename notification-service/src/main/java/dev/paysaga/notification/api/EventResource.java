package dev.paysaga.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.notification.domain.DeliveryLog;
import dev.paysaga.notification.domain.MerchantEvent;
import dev.paysaga.notification.domain.WebhookFanOut;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageCursor;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The event log, as Stripe's Events API: newest-last pages with a cursor. A merchant sees only events
 * about its own objects; another merchant's event, or one about no merchant (the platform's), is not
 * found, as an unknown id.
 */
@Path("/v1/events")
@RequiresScope(Scopes.EVENTS_READ)
public class EventResource {
    private final CurrentCaller current;
    private final DeliveryLog deliveries;
    private final WebhookFanOut fanOut;

    EventResource(CurrentCaller current, DeliveryLog deliveries, WebhookFanOut fanOut) {
        this.current = current;
        this.deliveries = deliveries;
        this.fanOut = fanOut;
    }

    /** @param webhooks how many of the event's webhook deliveries are pending, delivered, failed or cancelled */
    public record EventView(String id, String type, String subject, String merchantId, JsonNode data, String traceId,
            Instant occurredAt, Instant receivedAt, Map<String, Integer> webhooks) {
        static EventView of(MerchantEvent e, Map<String, Integer> webhooks) {
            return new EventView(e.id, e.type, e.subject, e.merchantId, e.data, e.traceId, e.occurredAt, e.receivedAt,
                    webhooks == null ? Map.of() : webhooks);
        }
    }

    public record DeliveryList(List<DeliveryLog.Delivery> data) {
    }

    public record Resent(int deliveries) {
    }

    public record EventPage(List<EventView> data, boolean hasMore) {
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<EventView> get(@PathParam("id") String id) {
        return find(id).chain(event -> deliveries.summaries(List.of(event.id))
                .map(summaries -> EventView.of(event, summaries.get(event.id))));
    }

    /** Each webhook delivery of the event, with every attempt (time, status, latency, the answer's start). */
    @GET
    @Path("{id}/deliveries")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    @WithSession
    public Uni<DeliveryList> deliveries(@PathParam("id") String id) {
        return find(id).chain(event -> deliveries.of(event.id)).map(DeliveryList::new);
    }

    /** Delivers the event again to every enabled endpoint that subscribes to it now (same webhook-id). */
    @POST
    @Path("{id}/resend")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public Uni<Resent> resend(@PathParam("id") String id) {
        return Panache.withTransaction(() -> find(id).chain(fanOut::resend)).map(Resent::new);
    }

    private Uni<MerchantEvent> find(String id) {
        Caller caller = current.get();
        return MerchantEvent.<MerchantEvent>findById(id)
                .map(event -> event != null && caller.sees(event.merchantId) ? event : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("event", id));
    }

    @GET
    @WithSession
    public Uni<EventPage> list(@QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        Caller caller = current.get();
        int size = PageLimit.parse(limit);
        StringBuilder query = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", PageCursor.after(startingAfter, "evt"));
        if (caller.listedMerchant() != null) {
            query.append(" and merchantId = :merchant");
            params.and("merchant", caller.listedMerchant());
        }
        if (subject != null) {
            query.append(" and subject = :subject");
            params.and("subject", subject);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        // range's bounds are inclusive: one event more than asked tells whether another page follows,
        // without counting them all.
        return MerchantEvent.<MerchantEvent>find(query + " order by id", params).range(0, size).list()
                .chain(page -> {
                    List<MerchantEvent> shown = page.stream().limit(size).toList();
                    return deliveries.summaries(shown.stream().map(e -> e.id).toList())
                            .map(summaries -> new EventPage(shown.stream()
                                    .map(e -> EventView.of(e, summaries.get(e.id))).toList(), page.size() > size));
                });
    }
}
