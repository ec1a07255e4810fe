package dev.paysaga.channel.api;

import dev.paysaga.channel.domain.ActiveQuery;
import dev.paysaga.channel.domain.ChannelTransactions;
import dev.paysaga.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The internal API payment-service calls (not routed through the public ingress). Like every
 * {@code /internal} operation it takes only the service credential (service-runtime's Authentication), so
 * only a PaySaga service that recorded the payment first can create, close or capture its transaction.
 * Creating is idempotent on the payment id itself: the same payment id answers the same transaction.
 */
@Path("/internal/v1/channel_transactions")
public class ChannelTransactionResource {
    private final ChannelTransactions transactions;
    private final ActiveQuery activeQuery;

    ChannelTransactionResource(ChannelTransactions transactions, ActiveQuery activeQuery) {
        this.transactions = transactions;
        this.activeQuery = activeQuery;
    }

    @POST
    @APIResponse(responseCode = "201", description = "The transaction, created at the channel", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelTransactionView.class)))
    @APIResponse(responseCode = "200", description = "The payment's transaction, created before", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelTransactionView.class)))
    public Uni<Response> create(CreateChannelTransactionRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        return transactions.create(request.valid()).map(created -> Response
                .status(created.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .entity(ChannelTransactionView.of(created.recorded())).build());
    }

    @GET
    @Path("{payment_id}")
    public Uni<ChannelTransactionView> get(@PathParam("payment_id") String paymentId) {
        return transactions.get(paymentId).map(ChannelTransactionView::of);
    }

    @POST
    @Path("{payment_id}/close")
    public Uni<ChannelTransactionView> close(@PathParam("payment_id") String paymentId) {
        return transactions.close(paymentId).map(ChannelTransactionView::of);
    }

    /** Queries a pending transaction at its channel now (reconciliation); a final one answers as it is. */
    @POST
    @Path("{payment_id}/query")
    public Uni<ChannelTransactionView> query(@PathParam("payment_id") String paymentId) {
        return activeQuery.queryNow(paymentId).chain(queried -> transactions.get(paymentId)).map(ChannelTransactionView::of);
    }

    /** The saga's Confirm of a paid payment: {@code {"status":"captured"}}; idempotent. */
    @POST
    @Path("{payment_id}/capture")
    public Uni<Map<String, String>> capture(@PathParam("payment_id") String paymentId) {
        return transactions.capture(paymentId).replaceWith(Map.of("status", "captured"));
    }
}
