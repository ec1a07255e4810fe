package dev.paysaga.reconciliation.router;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** channel-router-service's internal API, as far as reconciliation needs it (the service credential is added). */
@RegisterRestClient(configKey = "channel-router")
@Path("/internal/v1")
public interface ChannelRouterApi {

    /** A channel's statement of one of its days; {@code zone} is the channel's time zone. */
    record Statement(String channel, String date, String zone, List<Line> lines) {
    }

    /** {@code kind} payment or refund. */
    record Line(String kind, @JsonProperty("payment_id") String paymentId,
            @JsonProperty("channel_trade_no") String channelTradeNo, @JsonProperty("refund_id") String refundId,
            @JsonProperty("amount") long amountMinor, String currency, Instant at) {
    }

    /** A payment's channel transaction: {@code status} pending, succeeded, failed, closed or released. */
    record Transaction(@JsonProperty("payment_id") String paymentId, String channel, String status,
            @JsonProperty("amount") long amountMinor, String currency) {
    }

    record Refund(@JsonProperty("refund_id") String refundId, String status, @JsonProperty("failure_code") String failureCode) {
    }

    record RefundRequest(@JsonProperty("refund_id") String refundId, @JsonProperty("amount") long amountMinor,
            String currency, String reason, @JsonProperty("of_cancelled_payment") boolean ofCancelledPayment) {
    }

    @GET
    @Path("statements/{channel}/{date}")
    Uni<Statement> statement(@PathParam("channel") String channel, @PathParam("date") String date);

    @GET
    @Path("channel_transactions/{payment_id}")
    Uni<Transaction> transaction(@PathParam("payment_id") String paymentId);

    /** Queries a pending transaction at its channel now: a paid one settles through the normal path. */
    @POST
    @Path("channel_transactions/{payment_id}/query")
    Uni<Transaction> query(@PathParam("payment_id") String paymentId);

    /** Refunds at the payment's channel; idempotent on the refund id. */
    @POST
    @Path("channel_transactions/{payment_id}/refunds")
    Uni<Refund> refund(@PathParam("payment_id") String paymentId, RefundRequest request);
}
