package dev.paysaga.order.api;

import dev.paysaga.order.domain.Order;
import dev.paysaga.order.domain.OrderClosing;
import dev.paysaga.order.domain.OrderFulfilment;
import dev.paysaga.order.domain.PaymentRequests;
import dev.paysaga.order.domain.OrderPlacement;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/v1/orders")
public class OrderResource {
    private final OrderPlacement placement;
    private final OrderClosing closing;
    private final PaymentRequests payments;
    private final OrderFulfilment fulfilment;
    private final IdempotentRequests idempotency;

    OrderResource(OrderPlacement placement, OrderClosing closing, PaymentRequests payments, OrderFulfilment fulfilment,
            IdempotentRequests idempotency) {
        this.placement = placement;
        this.closing = closing;
        this.payments = payments;
        this.fulfilment = fulfilment;
        this.idempotency = idempotency;
    }

    @POST
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, CreateOrderRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        var lines = request.validLines();
        return idempotency.run(key, "POST", "/v1/orders", request, () -> placement
                .place(request.merchantId(), request.customerId(), request.currency(), lines, request.metadata())
                .map(order -> Response.status(Response.Status.CREATED).entity(OrderView.of(order)).build()));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<OrderView> get(@PathParam("id") String id) {
        return Order.<Order>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order", id))
                .map(OrderView::of);
    }

    public record PayRequest(String method, String customerId, String terminal) {
    }

    public record PayResponse(String paymentId, String sagaId, String status, Object nextAction) {
    }

    @POST
    @Path("{id}/pay")
    public Uni<Response> pay(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id,
            PayRequest request) {
        if (request == null || request.method() == null) {
            throw ApiException.invalidRequest("method", "method is required");
        }
        return idempotency.run(key, "POST", "/v1/orders/" + id + "/pay", request, () -> payments
                .request(id, request.method(), request.customerId(), request.terminal())
                .map(started -> Response.accepted(
                        new PayResponse(started.paymentId(), started.sagaId(), "processing", started.nextAction()))
                        .build()));
    }

    @POST
    @Path("{id}/cancel")
    public Uni<Response> cancel(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "cancel", () -> closing.close(id, OrderClosing.MERCHANT_CANCEL));
    }

    @POST
    @Path("{id}/ship")
    public Uni<Response> ship(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "ship", () -> fulfilment.ship(id));
    }

    @POST
    @Path("{id}/complete")
    public Uni<Response> complete(@RestHeader(IdempotentRequests.HEADER) String key, @PathParam("id") String id) {
        return idempotently(key, id, "complete", () -> fulfilment.complete(id));
    }

    /** A body-less action on one order, answered with the order. */
    private Uni<Response> idempotently(String key, String id, String action, Supplier<Uni<Order>> change) {
        return idempotency.run(key, "POST", "/v1/orders/" + id + "/" + action, "",
                () -> change.get().map(order -> Response.ok(OrderView.of(order)).build()));
    }
}
