package dev.paysaga.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.notification.domain.MerchantEvent;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;

/**
 * The event log, as Stripe's Events API: newest-last pages with a cursor. A merchant sees only events
 * about its own objects; another merchant's event, or one about no merchant (the platform's), is not
 * found, as an unknown id.
 */
@Path("/v1/events")
@RequiresScope(Scopes.EVENTS_READ)
public class EventResource {
    private final CurrentCaller current;

    EventResource(CurrentCaller current) {
        this.current = current;
    }

    public record EventView(String id, String type, String subject, String merchantId, JsonNode data, String traceId,
            Instant occurredAt, Instant receivedAt) {
        static EventView of(MerchantEvent e) {
            return new EventView(e.id, e.type, e.subject, e.merchantId, e.data, e.traceId, e.occurredAt, e.receivedAt);
        }
    }

    public record EventPage(List<EventView> data, boolean hasMore) {
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<EventView> get(@PathParam("id") String id) {
        Caller caller = current.get();
        return MerchantEvent.<MerchantEvent>findById(id)
                .map(event -> event != null && caller.sees(event.merchantId) ? event : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("event", id))
                .map(EventView::of);
    }

    @GET
    @WithSession
    public Uni<EventPage> list(@QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        Caller caller = current.get();
        int size = PageLimit.parse(limit);
        StringBuilder query = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", cursor(startingAfter));
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
                .map(page -> new EventPage(page.stream().limit(size).map(EventView::of).toList(), page.size() > size));
    }

    /** "" sorts before every id: the first page. */
    private static String cursor(String startingAfter) {
        if (startingAfter == null) {
            return "";
        }
        if (!Ids.isValid("evt", startingAfter)) {
            throw ApiException.invalidRequest("starting_after", "starting_after must be an event id (evt_…)");
        }
        return startingAfter;
    }
}
