package dev.paysaga.sandbox.stripe;

import dev.paysaga.sandbox.http.FormParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Stripe's API at its real paths under {@code /v1}: PaymentIntents (create, retrieve, confirm, capture, cancel) and
 * Refunds (create, retrieve, list), balance transactions (list). Requests are form-encoded ({@code metadata[payment_id]=…}), answers JSON. Every POST
 * goes through the {@link IdempotencyKeys} layer when it carries an {@code Idempotency-Key}, after authentication.
 */
@Path("/v1")
public class StripeResource {
    @Inject
    StripeApi api;
    @Inject
    IdempotencyKeys idempotency;
    @Inject
    StripeIds ids;

    @POST
    @Path("payment_intents")
    @Consumes(MediaType.WILDCARD)
    public Response createIntent(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return post(uri, authorization, key, body, api::createIntent);
    }

    @GET
    @Path("payment_intents/{id}")
    public Response retrieveIntent(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        return get(authorization, () -> api.retrieve(id));
    }

    @POST
    @Path("payment_intents/{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    public Response confirm(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String key, @PathParam("id") String id, byte[] body) {
        return post(uri, authorization, key, body, params -> api.confirm(id, params));
    }

    @POST
    @Path("payment_intents/{id}/capture")
    @Consumes(MediaType.WILDCARD)
    public Response capture(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String key, @PathParam("id") String id, byte[] body) {
        return post(uri, authorization, key, body, params -> api.capture(id, params));
    }

    @POST
    @Path("payment_intents/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Response cancel(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String key, @PathParam("id") String id, byte[] body) {
        return post(uri, authorization, key, body, params -> api.cancel(id, params));
    }

    @POST
    @Path("refunds")
    @Consumes(MediaType.WILDCARD)
    public Response createRefund(@Context UriInfo uri, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return post(uri, authorization, key, body, api::createRefund);
    }

    @GET
    @Path("refunds/{id}")
    public Response retrieveRefund(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        return get(authorization, () -> api.retrieveRefund(id));
    }

    @GET
    @Path("refunds")
    public Response listRefunds(@Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        return get(authorization, () -> api.listRefunds(uri.getQueryParameters()));
    }

    @GET
    @Path("balance_transactions")
    public Response listBalanceTransactions(@Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        return get(authorization, () -> api.listBalanceTransactions(uri.getQueryParameters()));
    }

    private Response post(UriInfo uri, String authorization, String key, byte[] body,
            Function<Map<String, String>, StripeReply> operation) {
        StripeReply reply = api.authenticate(authorization).orElseGet(() -> {
            Map<String, String> params = new TreeMap<>();
            try {
                FormParams.decodeInto(body == null ? "" : new String(body, StandardCharsets.UTF_8), params);
            } catch (IllegalArgumentException e) {
                return StripeReply.error(400, "invalid_request_error", null, "Unreadable form body: " + e.getMessage(), null);
            }
            var fingerprint = new IdempotencyKeys.Fingerprint("POST " + uri.getRequestUri().getRawPath(), params);
            return idempotency.once(key, fingerprint, () -> operation.apply(params));
        });
        return answer(reply, key);
    }

    private Response get(String authorization, java.util.function.Supplier<StripeReply> operation) {
        return answer(api.authenticate(authorization).orElseGet(operation), null);
    }

    private Response answer(StripeReply reply, String key) {
        Response.ResponseBuilder response = Response.status(reply.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Request-Id", ids.next("req"))
                .header("Stripe-Version", StripeWebhooks.API_VERSION)
                .entity(reply.body());
        if (key != null) {
            response.header("Idempotency-Key", key);
        }
        if (reply.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
