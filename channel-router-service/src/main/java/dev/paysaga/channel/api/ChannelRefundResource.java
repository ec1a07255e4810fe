package dev.paysaga.channel.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysaga.channel.domain.ChannelRefundRecord;
import dev.paysaga.channel.domain.ChannelRefunds;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Refunds of paid payments at their channel, for the refund saga's channel step (internal, like the
 * transactions: the service credential only). Asking is idempotent on the refund id: the same id answers
 * the same refund; a payment without a transaction here is 404, so nothing is refunded that the router
 * did not take.
 */
@Path("/internal/v1/channel_transactions/{payment_id}/refunds")
public class ChannelRefundResource {
    private final ChannelRefunds refunds;

    ChannelRefundResource(ChannelRefunds refunds) {
        this.refunds = refunds;
    }

    /**
     * @param ofCancelledPayment true to return money a channel took for a payment whose saga cancelled
     *                           (reconciliation): then a payment closed or failed here is refunded if its channel
     *                           says it is paid
     */
    public record RefundBody(@JsonProperty("refund_id") String refundId, @JsonProperty("amount") Long amountMinor,
            String currency, String reason, @JsonProperty("of_cancelled_payment") Boolean ofCancelledPayment) {
    }

    /** The refund as it stands: {@code status} pending, succeeded or failed (with {@code failure_code}). */
    public record RefundView(@JsonProperty("refund_id") String refundId, @JsonProperty("payment_id") String paymentId,
            String channel, @JsonProperty("amount") long amountMinor, String currency, String status,
            @JsonProperty("failure_code") String failureCode, @JsonProperty("channel_code") String channelCode,
            @JsonProperty("channel_reference") String channelReference, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("resolved_at") Instant resolvedAt) {
        static RefundView of(ChannelRefundRecord r) {
            return new RefundView(r.refundId, r.paymentId, r.channel, r.amountMinor, r.currency, r.status.apiName(),
                    r.failureCode, r.channelCode, r.channelReference, r.createdAt, r.resolvedAt);
        }
    }

    @POST
    @APIResponse(responseCode = "201", description = "The refund, asked of the channel", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "200", description = "The refund with this id, asked for before", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundView.class)))
    public Uni<Response> request(@PathParam("payment_id") String paymentId, RefundBody body) {
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        if (body.refundId() == null || !Ids.isValid("re", body.refundId())) {
            throw ApiException.invalidRequest("refund_id", "refund_id must be a refund id (re_…)");
        }
        if (body.amountMinor() == null || body.amountMinor() < 1) {
            throw ApiException.invalidRequest("amount", "amount must be a positive number of minor units");
        }
        if (body.currency() == null || !body.currency().matches("[A-Z]{3}")) {
            throw ApiException.invalidRequest("currency", "currency must be an ISO 4217 code in upper case");
        }
        var request = new ChannelRefunds.Request(paymentId, body.refundId(), body.amountMinor(), body.currency(),
                body.reason(), Boolean.TRUE.equals(body.ofCancelledPayment()));
        return refunds.request(request).map(requested -> Response
                .status(requested.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .entity(RefundView.of(requested.refund())).build());
    }

    @GET
    @Path("{refund_id}")
    public Uni<RefundView> get(@PathParam("payment_id") String paymentId, @PathParam("refund_id") String refundId) {
        return refunds.get(paymentId, refundId).map(RefundView::of);
    }

    /** For a refund saga that cancels: fails the refund if the channel does not have it, else 409. */
    @POST
    @Path("{refund_id}/abandon")
    public Uni<RefundView> abandon(@PathParam("payment_id") String paymentId, @PathParam("refund_id") String refundId) {
        return refunds.abandon(paymentId, refundId).map(RefundView::of);
    }
}
