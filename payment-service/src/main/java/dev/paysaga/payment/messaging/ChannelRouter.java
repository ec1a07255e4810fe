package dev.paysaga.payment.messaging;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** channel-router-service's internal API, as far as payments need it. */
@RegisterRestClient(configKey = "channel-router")
@Path("/internal/v1/channel_transactions")
public interface ChannelRouter {

    /** How a close ended: {@code closed}, or {@code succeeded} when the customer had paid after all. */
    record Closed(String status) {
        public boolean paidAfterAll() {
            return "succeeded".equals(status);
        }
    }

    /** One attempt to open the payment at a channel: which, why, how it ended. */
    record Attempt(String channel, String reason, String outcome, Instant at) {
    }

    /** The payment's channel transaction, as far as a payment's view needs it. */
    record Transaction(List<Attempt> attempts) {
    }

    @GET
    @Path("{payment_id}")
    Uni<Transaction> get(@PathParam("payment_id") String paymentId);

    /** How a capture ended: {@code captured} (also when the channel had nothing to capture). */
    record Captured(String status) {
    }

    /**
     * Takes the money of a paid payment for good (the channel step's Confirm): a channel that only
     * authorized when the customer paid (Stripe) captures now; the others have nothing to do. Idempotent.
     */
    @POST
    @Path("{payment_id}/capture")
    Uni<Captured> capture(@PathParam("payment_id") String paymentId);

    /** Closes the payment's transaction at its channel; idempotent. */
    @POST
    @Path("{payment_id}/close")
    Uni<Closed> close(@PathParam("payment_id") String paymentId);
}
