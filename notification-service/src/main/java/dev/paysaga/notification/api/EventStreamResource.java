package dev.paysaga.notification.api;

import dev.paysaga.notification.stream.EventBacklog;
import dev.paysaga.notification.stream.EventStreams;
import dev.paysaga.notification.stream.LiveEvents;
import dev.paysaga.notification.stream.StreamedEvent;
import dev.paysaga.notification.stream.Subscription;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * The merchant's live event stream, for a dashboard: every event of the merchant as it becomes visible
 * (the platform's credential: every event), as Server-Sent Events. Without {@code Last-Event-ID} it
 * starts now; with it, it first sends exactly what came after that event, then goes on live.
 */
@Path("/v1/events/stream")
@RequiresScope(Scopes.EVENTS_READ)
public class EventStreamResource {
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final CurrentCaller current;
    private final LiveEvents live;
    private final EventBacklog backlog;
    private final EventStreams streams;

    EventStreamResource(CurrentCaller current, LiveEvents live, EventBacklog backlog, EventStreams streams) {
        this.current = current;
        this.live = live;
        this.backlog = backlog;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "Server-Sent Events: each event with id: (its evt_ id), event: (its "
            + "type) and data: (the event as webhooks carry it); a comment line every 15 s", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @Blocking
    // Proxies must pass each event on as it comes (nginx reads this), and nothing may keep a copy.
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Multi<OutboundSseEvent> stream(@HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        Caller caller = current.get();
        if (lastEventId != null && !Ids.isValid("evt", lastEventId)) {
            throw ApiException.invalidRequest(LAST_EVENT_ID, "Last-Event-ID must be an event id (evt_…)");
        }
        String merchant = caller.listedMerchant();
        Subscription subscription = live.subscribe(Subscription.Interest.merchant(merchant));
        Uni<Long> after = lastEventId == null ? backlog.latest() : backlog.locate(lastEventId).map(location -> location
                .filter(found -> caller.sees(found.merchantId()))
                .orElseThrow(() -> ApiException.invalidRequest(LAST_EVENT_ID,
                        "Last-Event-ID names no event of yours that a stream has sent"))
                .position());
        Uni<SseFrames.Opened> opened = after
                .map(position -> SseFrames.Opened.streaming(streams.open(subscription, position,
                        backlog.after(position, merchant, streams.backlogLimit()), event -> false)))
                .ifNoItem().after(SseFrames.OPENING).fail()
                .onFailure().invoke(() -> live.close(subscription));
        return SseFrames.write(opened, sse, StreamedEvent::payload);
    }
}
