package dev.paysaga.order.api;

import dev.paysaga.order.domain.Order;
import dev.paysaga.order.domain.OrderClosing;
import dev.paysaga.order.domain.OrderPlacement;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/orders")
public class OrderResource {
    private final OrderPlacement placement;
    private final OrderClosing closing;

    OrderResource(OrderPlacement placement, OrderClosing closing) {
        this.placement = placement;
        this.closing = closing;
    }

    @POST
    public Uni<RestResponse<OrderView>> create(CreateOrderRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        var lines = request.validLines();
        return placement.place(request.merchantId(), request.customerId(), request.currency(), lines,
                        request.metadata())
                .map(order -> RestResponse.status(Response.Status.CREATED, OrderView.of(order)));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<OrderView> get(@PathParam("id") String id) {
        return Order.<Order>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("order", id))
                .map(OrderView::of);
    }

    @POST
    @Path("{id}/cancel")
    public Uni<OrderView> cancel(@PathParam("id") String id) {
        return closing.close(id, "merchant_cancel").map(OrderView::of);
    }
}
