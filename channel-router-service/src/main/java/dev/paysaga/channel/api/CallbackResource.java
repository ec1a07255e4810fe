package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelRouter;
import dev.paysaga.channel.domain.Notifications;
import dev.paysaga.channel.domain.PaymentChannel;
import dev.paysaga.runtime.auth.PublicEndpoint;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /callbacks/{channel}}: the channels' asynchronous notifications, whatever their format
 * (Alipay posts a form, WeChat Pay signed JSON); the adapter parses and verifies. Answers, in the
 * channel's words (Alipay: exactly {@code success} / {@code fail}; WeChat Pay: 204, or
 * {@code {"code":"FAIL","message":…}}):
 * <ul>
 * <li>200/204 + acknowledgement: taken (or a duplicate of one taken) — the channel stops resending;</li>
 * <li>400 + refusal: forged, replayed, expired, not ours, malformed, unknown trade, wrong amount —
 * nothing changed. The channels resend anything not acknowledged whatever the status; 400 makes
 * refusals visible as client errors in access logs and HTTP metrics;</li>
 * <li>503 + refusal: we could not record it (database down) — the channel's resend will retry.</li>
 * </ul>
 * The channels cannot hold a PaySaga credential: what proves a notification is the channel's signature, which
 * the adapter verifies before anything changes.
 */
@Path("/callbacks/{channel}")
@PublicEndpoint("the channel's signature, verified by its adapter before anything changes")
public class CallbackResource {
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final ChannelRouter router;
    private final Notifications notifications;

    CallbackResource(ChannelRouter router, Notifications notifications) {
        this.router = router;
        this.notifications = notifications;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "Taken: the channel's acknowledgement (Alipay: success)",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "204", description = "Taken: the channel's acknowledgement (WeChat Pay)")
    @APIResponse(responseCode = "400", description = "Refused, nothing changed: the channel's refusal",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such channel",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "Not recorded: the channel's resend will retry",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> receive(@PathParam("channel") String channelName, @Context HttpHeaders headers, String body) {
        PaymentChannel channel = router.byName(channelName).orElse(null);
        if (channel == null) {
            return Uni.createFrom().item(Response.status(404).type(MediaType.TEXT_PLAIN).entity("unknown channel").build());
        }
        var inbound = new PaymentChannel.InboundNotification(lowerCased(headers),
                body == null || body.length() > MAX_BODY_CHARS ? null : body);
        return notifications.receive(channel, inbound).map(received -> switch (received.outcome()) {
            case ACCEPTED -> answer(200, channel.acknowledgement());
            case REFUSED -> answer(400, channel.refusal(received.reason()));
            case FAILED -> answer(503, channel.refusal("not_recorded"));
        });
    }

    private static Response answer(int status, PaymentChannel.CallbackReply reply) {
        if (reply.body() == null) {
            return Response.status(status == 200 ? 204 : status).build();
        }
        return Response.status(status).type(reply.mediaType()).entity(reply.body()).build();
    }

    private static Map<String, String> lowerCased(HttpHeaders headers) {
        Map<String, String> lower = new HashMap<>();
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                lower.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
            }
        }
        return lower;
    }
}
