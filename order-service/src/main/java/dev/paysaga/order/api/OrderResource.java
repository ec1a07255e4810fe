package dev.paysaga.order.api;

import dev.paysaga.order.domain.OrderClosing;
import dev.paysaga.order.domain.OrderFulfilment;
import dev.paysaga.order.domain.PaymentRequests;
import dev.paysaga.order.domain.OrderPlacement;
import dev.paysaga.order.domain.Order;
import dev.paysaga.order.persistence.OrderRepository;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.ClientSecretAccepted;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.auth.StreamSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Orders (docs/api.md). A merchant key acts on its own merchant's orders only: another merchant's
 * order answers {@code not_found} exactly as an unknown id does, and nothing changes. An order's client
 * secret (its buyer's page) reads and pays that order only: on any other order it is {@code not_found}
 * too, and on the other operations {@code unauthenticated}.
 */
@Path("/v1/orders")
public class OrderResource {
    private final OrderPlacement placement;
    private final OrderClosing closing;
    private final PaymentRequests payments;
    private final OrderFulfilment fulfilment;
    private final OrderRepository orders;
    private final IdempotentRequests idempotency;
    private final CurrentCaller current;
    private final StreamSecrets streamSecrets;

    OrderResource(OrderPlacement placement, OrderClosing closing, PaymentRequests payments, OrderFulfilment fulfilment,
            OrderRepository orders, IdempotentRequests idempotency, CurrentCaller current, StreamSecrets streamSecrets) {
        this.placement = placement;
        this.closing = closing;
        this.payments = payments;
        this.fulfilment = fulfilment;
        this.orders = orders;
        this.idempotency = idempotency;
        this.current = current;
        this.streamSecrets = streamSecrets;
    }

    @POST
    @RequiresScope(Scopes.ORDERS_WRITE)
    @APIResponse(responseCode = "201", description = "The order, created, with its client secret (shown once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreatedOrderView.class)))
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, CreateOrderRequest request) {
        Caller caller = current.get();
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        var lines = request.validLines();
        String merchantId = caller.merchantFor(request.merchantId());
        // The Idempotency-Key record keeps the order without its client secret, which is added to this
        // answer only once the record is written: a replay answers the order alone.
        AtomicReference<CreatedOrderView> placedNow = new AtomicReference<>();
        return idempotency.run(key, "POST", "/v1/orders", request, () -> placement
                        .place(merchantId, request.customerId(), request.currency(), lines, request.metadata())
                        .map(placed -> {
                            OrderView order = OrderView.of(placed.order());
                            placedNow.set(new CreatedOrderView(order, placed.clientSecret()));
                            return Response.status(Response.Status.CREATED).entity(order).build();
                        }))
                .map(answer -> placedNow.get() == null ? answer
                        : Response.fromResponse(answer).entity(placedNow.get()).build());
    }

    @GET
    @Path("{id}")
    @WithSession
    @RequiresScope(Scopes.ORDERS_READ)
    @ClientSecretAccepted
    public Uni<OrderView> get(@PathParam("id") String id) {
        return orders.findFor(current.get(), id).map(OrderView::of);
    }

    /** @param customerId the payer: the order's customer (the default); any other is refused */
    public record PayRequest(String method, String customerId, String terminal) {
    }

    /**
     * @param clientSecret the payment's stream secret: opens {@code GET /v1/payments/{id}/stream} to the buyer's
     *        page for an hour, and nothing else
     */
    public record PayResponse(String paymentId, String sagaId, String status, Object nextAction, String clientSecret) {
    }

    @POST
    @Path("{id}/pay")
    @RequiresScope(Scopes.PAYMENTS_WRITE)
    @ClientSecretAccepted
    @APIResponse(responseCode = "202", description = "The payment, started: it runs as a saga", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayResponse.class)))
    public Uni<Response> pay(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id,
            PayRequest request) {
        Caller caller = current.get();
        if (request == null || request.method() == null) {
            throw ApiException.invalidRequest("method", "method is required");
        }
        return clientSecretOpens(caller, id).chain(() -> idempotency.run(key, "POST", "/v1/orders/" + id + "/pay",
                request, () -> payments
                        .request(caller, id, request.method(), request.customerId(), request.terminal())
                        .map(started -> Response.accepted(new PayResponse(started.paymentId(), started.sagaId(),
                                "processing", started.nextAction(),
                                streamSecrets.issue(started.paymentId()).orElse(null))).build())));
    }

    /**
     * A client secret that does not open this order is {@code not_found} before its Idempotency-Key is
     * recorded: anyone can make up a secret of the right shape, and such requests must leave nothing behind.
     */
    private Uni<Void> clientSecretOpens(Caller caller, String id) {
        return caller.isCustomer() ? Panache.withSession(() -> orders.findFor(caller, id)).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    @POST
    @Path("{id}/cancel")
    @RequiresScope(Scopes.ORDERS_WRITE)
    @APIResponse(responseCode = "200", description = "The order, cancelled", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> cancel(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "cancel", caller -> closing.close(caller, id, OrderClosing.MERCHANT_CANCEL));
    }

    @POST
    @Path("{id}/ship")
    @RequiresScope(Scopes.ORDERS_WRITE)
    @APIResponse(responseCode = "200", description = "The order, shipped", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> ship(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "ship", caller -> fulfilment.ship(caller, id));
    }

    @POST
    @Path("{id}/complete")
    @RequiresScope(Scopes.ORDERS_WRITE)
    @APIResponse(responseCode = "200", description = "The order, completed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> complete(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "complete", caller -> fulfilment.complete(caller, id));
    }

    /** A body-less action on one of the caller's orders, answered with the order. */
    private Uni<Response> idempotently(String key, String id, String action, Function<Caller, Uni<Order>> change) {
        Caller caller = current.get();
        return idempotency.run(key, "POST", "/v1/orders/" + id + "/" + action, "",
                () -> change.apply(caller).map(order -> Response.ok(OrderView.of(order)).build()));
    }
}
