package dev.paysaga.notification.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.notification.stream.EventBacklog;
import dev.paysaga.notification.stream.EventStreams;
import dev.paysaga.notification.stream.LiveEvents;
import dev.paysaga.notification.stream.StreamedEvent;
import dev.paysaga.notification.stream.Subscription;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.PublicEndpoint;
import dev.paysaga.runtime.auth.StreamSecrets;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * One payment's live stream, for the buyer's page: opened by the payment's stream secret (from the pay
 * answer; an {@code EventSource} cannot send an Authorization header), it sends the payment's events so
 * far, then each as it comes, and ends after the outcome ({@code payment.succeeded} or
 * {@code payment.failed}). The buyer sees the payment's status and amount, not the merchant's data.
 * A client that reconnects after the outcome (its {@code Last-Event-ID}) is answered 204: stop.
 */
@Path("/v1/payments/{id}/stream")
@PublicEndpoint("the payment's stream secret, in the client_secret parameter")
public class PaymentStreamResource {
    private static final Set<String> OUTCOMES = Set.of(PaymentEvent.SUCCEEDED, PaymentEvent.FAILED);
    private static final List<String> SHOWN = List.of("status", "amount", "currency", "failure_code");

    private final StreamSecrets secrets;
    private final LiveEvents live;
    private final EventBacklog backlog;
    private final EventStreams streams;
    private final ObjectMapper mapper;

    PaymentStreamResource(StreamSecrets secrets, LiveEvents live, EventBacklog backlog, EventStreams streams,
            ObjectMapper mapper) {
        this.secrets = secrets;
        this.live = live;
        this.backlog = backlog;
        this.streams = streams;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "Server-Sent Events: the payment's events so far, then each as it "
            + "comes (id: its evt_ id, event: its type, data: {id, type, created, data: {payment_id, status, amount, "
            + "currency, failure_code}}), a comment line every 15 s; it ends after the outcome", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "204", description = "The outcome was already sent (Last-Event-ID): stop reconnecting")
    @Blocking
    // Proxies must pass each event on as it comes (nginx reads this), and nothing may keep a copy.
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Multi<OutboundSseEvent> stream(@PathParam("id") String paymentId, @QueryParam("client_secret") String secret,
            @HeaderParam(EventStreamResource.LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        if (!secrets.opens(secret, paymentId)) {
            throw new ApiException(401, "unauthenticated",
                    "Send this payment's client_secret from the pay answer; it opens the stream for an hour");
        }
        Subscription subscription = live.subscribe(Subscription.Interest.subject(paymentId));
        Uni<SseFrames.Opened> opened = backlog.about(paymentId).map(history -> {
            long after = lastEventId == null ? 0 : history.stream().filter(event -> event.id().equals(lastEventId))
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalidRequest(EventStreamResource.LAST_EVENT_ID,
                            "Last-Event-ID names no event of this payment"))
                    .position();
            if (history.stream().anyMatch(event -> event.position() <= after && OUTCOMES.contains(event.type()))) {
                live.close(subscription);
                return SseFrames.Opened.finished();
            }
            List<StreamedEvent> missed = history.stream().filter(event -> event.position() > after).toList();
            return SseFrames.Opened.streaming(streams.open(subscription, after, Uni.createFrom().item(missed),
                    event -> OUTCOMES.contains(event.type())));
        }).ifNoItem().after(SseFrames.OPENING).fail()
                .onFailure().invoke(() -> live.close(subscription));
        return SseFrames.write(opened, sse, this::buyersView);
    }

    /** {@code {"id","type","created","data":{"payment_id","status","amount","currency","failure_code"}}}. */
    private String buyersView(StreamedEvent event) {
        try {
            JsonNode data = mapper.readTree(event.data());
            ObjectNode shown = mapper.createObjectNode().put("payment_id", event.subject());
            SHOWN.forEach(field -> shown.set(field, data.path(field).isMissingNode() ? null : data.get(field)));
            ObjectNode body = mapper.createObjectNode().put("id", event.id()).put("type", event.type())
                    .put("created", event.occurredAt().toString());
            body.set("data", shown);
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be read", e);
        }
    }
}
