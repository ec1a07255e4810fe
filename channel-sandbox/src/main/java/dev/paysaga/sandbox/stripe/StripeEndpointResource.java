package dev.paysaga.sandbox.stripe;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/**
 * {@code GET|PUT /admin/channels/stripe/webhook_endpoint} {@code {"url":"…"}}: where the account's webhooks go (at
 * Stripe an endpoint is registered once for the account; here it starts as {@code paysaga.sandbox.stripe.webhook-url}).
 */
@Path("/admin/channels/stripe/webhook_endpoint")
public class StripeEndpointResource {
    @Inject
    StripeWebhooks webhooks;

    public record Endpoint(String url) {
    }

    @GET
    public Endpoint endpoint() {
        return new Endpoint(webhooks.endpointUrl());
    }

    @PUT
    public Endpoint endpoint(Endpoint endpoint) {
        if (endpoint == null || endpoint.url() == null
                || !(endpoint.url().startsWith("http://") || endpoint.url().startsWith("https://"))) {
            throw new BadRequestException("url must be an http(s) URL");
        }
        webhooks.endpointUrl(endpoint.url());
        return endpoint;
    }
}
