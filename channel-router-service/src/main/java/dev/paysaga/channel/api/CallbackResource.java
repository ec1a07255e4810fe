package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ChannelRouter;
import dev.paysaga.channel.domain.Notifications;
import dev.paysaga.channel.domain.PaymentChannel;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /callbacks/{channel}}: the channels' asynchronous notifications (Alipay's form posts).
 * Answers, in the channel's words (Alipay: exactly {@code success} / {@code fail}, text/plain):
 * <ul>
 * <li>200 + acknowledgement: taken (or a replay of one taken) — the channel stops resending;</li>
 * <li>400 + refusal: forged, not ours, malformed, unknown trade, wrong amount — nothing changed. Alipay
 * resends anything that is not {@code success} whatever the status; 400 makes the refusals visible
 * as client errors in access logs and HTTP metrics;</li>
 * <li>503 + refusal: we could not record it (database down) — the channel's resend will retry.</li>
 * </ul>
 */
@Path("/callbacks/{channel}")
public class CallbackResource {
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final ChannelRouter router;
    private final Notifications notifications;

    CallbackResource(ChannelRouter router, Notifications notifications) {
        this.router = router;
        this.notifications = notifications;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> receive(@PathParam("channel") String channelName, String body) {
        PaymentChannel channel = router.byName(channelName).orElse(null);
        if (channel == null) {
            return Uni.createFrom().item(Response.status(404).entity("unknown channel").build());
        }
        Map<String, String> form = body == null || body.length() > MAX_BODY_CHARS ? null : parseForm(body);
        return notifications.receive(channel, form).map(outcome -> switch (outcome) {
            case ACCEPTED -> Response.ok(channel.acknowledgement()).build();
            case REFUSED -> Response.status(400).entity(channel.refusal()).build();
            case FAILED -> Response.status(503).entity(channel.refusal()).build();
        });
    }

    /** The decoded form, or null if it is not one (a name twice, bad escapes). */
    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        try {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (form.put(name, value) != null) {
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return form;
    }
}
