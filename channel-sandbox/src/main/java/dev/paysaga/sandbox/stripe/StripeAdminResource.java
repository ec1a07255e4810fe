package dev.paysaga.sandbox.stripe;

import dev.paysaga.sandbox.simulation.NotificationSender;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Test hooks on the sandbox's Stripe account (JSON in snake_case):
 * {@code GET /admin/channels/stripe/payment_intents/{id}} shows an intent and its webhook counters;
 * {@code POST …/{id}/webhook[?forge=true]} sends its last event once more, now (same event id, freshly signed;
 * forged: signed with a secret the merchant does not hold). Where webhooks go: {@link StripeEndpointResource}.
 */
@Path("/admin/channels/stripe/payment_intents")
public class StripeAdminResource {
    @Inject
    StripeObjects objects;
    @Inject
    StripeWebhooks webhooks;

    public record IntentView(String id, String status, long amount, String currency, long amountReceived,
            long amountRefunded, String paymentId, int webhooksSent, int webhooksAcknowledged) {
    }

    public record Resent(boolean forged, boolean acknowledged, int status, String body, String error) {
    }

    @GET
    @Path("{id}")
    public IntentView intent(@PathParam("id") String id) {
        PaymentIntent intent = known(id);
        return new IntentView(intent.id, intent.status().wire(), intent.amount, intent.currency, intent.amountReceived(),
                intent.amountRefunded(), intent.metadata.get("payment_id"), intent.webhooksSent(),
                intent.webhooksAcknowledged());
    }

    @POST
    @Path("{id}/webhook")
    public Resent resend(@PathParam("id") String id, @QueryParam("forge") @DefaultValue("false") boolean forge) {
        PaymentIntent intent = known(id);
        String last = intent.lastEvent();
        if (last == null) {
            throw new WebApplicationException("payment intent " + id + " has no event yet", Response.Status.CONFLICT);
        }
        NotificationSender.Delivery delivery = webhooks.resend(intent, last, forge);
        return new Resent(forge, StripeWebhooks.acknowledges(delivery), delivery.status(), delivery.body(), delivery.error());
    }

    private PaymentIntent known(String id) {
        return objects.intent(id).orElseThrow(() -> new NotFoundException("no stripe payment intent " + id));
    }
}
