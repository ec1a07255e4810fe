package dev.paysaga.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.notification.domain.MerchantEvent;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;

/** The event log, as Stripe's Events API: newest-last pages with a cursor. */
@Path("/v1/events")
public class EventResource {
    static final int MAX_LIMIT = 100;

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
        return MerchantEvent.<MerchantEvent>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("event", id))
                .map(EventView::of);
    }

    @GET
    @WithSession
    public Uni<EventPage> list(@QueryParam("subject") String subject, @QueryParam("type") String type,
            @QueryParam("starting_after") @DefaultValue("") String startingAfter,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidRequest("limit", "limit must be 1 to " + MAX_LIMIT);
        }
        StringBuilder query = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", startingAfter);
        if (subject != null) {
            query.append(" and subject = :subject");
            params.and("subject", subject);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        return MerchantEvent.<MerchantEvent>find(query + " order by id", params).range(0, limit).list()
                .chain(page -> MerchantEvent.count(query.toString(), params)
                        .map(total -> new EventPage(page.stream().map(EventView::of).toList(), total > page.size())));
    }
}
