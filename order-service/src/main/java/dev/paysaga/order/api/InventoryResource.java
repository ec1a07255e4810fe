package dev.paysaga.order.api;

import dev.paysaga.order.domain.InventoryItem;
import dev.paysaga.order.persistence.StockReservations;
import dev.paysaga.runtime.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/v1/inventory/{sku}")
public class InventoryResource {
    private final StockReservations stock;

    InventoryResource(StockReservations stock) {
        this.stock = stock;
    }

    public record SetStockRequest(Long onHand) {
    }

    public record InventoryView(String sku, long onHand, long reserved, long available) {
        static InventoryView of(InventoryItem item) {
            return new InventoryView(item.sku, item.onHand, item.reserved, item.available());
        }
    }

    @PUT
    public Uni<InventoryView> set(@PathParam("sku") String sku, SetStockRequest request) {
        if (request == null || request.onHand() == null || request.onHand() < 0) {
            throw ApiException.invalidRequest("on_hand", "on_hand must be a non-negative integer");
        }
        if (sku.length() > 255) {
            throw ApiException.invalidRequest("sku", "sku is at most 255 characters");
        }
        return Panache.withTransaction(() -> stock.setOnHand(sku, request.onHand())).map(InventoryView::of);
    }

    @GET
    @WithSession
    public Uni<InventoryView> get(@PathParam("sku") String sku) {
        return InventoryItem.<InventoryItem>findById(sku)
                .onItem().ifNull().failWith(() -> ApiException.notFound("inventory item", sku))
                .map(InventoryView::of);
    }
}
