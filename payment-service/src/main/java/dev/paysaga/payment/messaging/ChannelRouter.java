package dev.paysaga.payment.messaging;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /** A refund at the payment's channel, as the router records it. */
    record Refund(@JsonProperty("refund_id") String refundId, String status, @JsonProperty("failure_code") String failureCode,
            @JsonProperty("channel_code") String channelCode) {
        public static final String SUCCEEDED = "succeeded";
        public static final String FAILED = "failed";
    }

    record RefundRequest(@JsonProperty("refund_id") String refundId, @JsonProperty("amount") long amountMinor,
            String currency, String reason) {
    }

    /**
     * Refunds at the payment's channel (idempotent on the refund id): succeeded, failed (declined) or pending
     * while the channel processes it; 4xx when the router refuses it (not paid, more than is left).
     */
    @POST
    @Path("{payment_id}/refunds")
    Uni<Refund> refund(@PathParam("payment_id") String paymentId, RefundRequest request);

    /** Fails a pending refund the channel does not have; 409 when the channel made it or may still. */
    @POST
    @Path("{payment_id}/refunds/{refund_id}/abandon")
    Uni<Refund> abandonRefund(@PathParam("payment_id") String paymentId, @PathParam("refund_id") String refundId);
}
