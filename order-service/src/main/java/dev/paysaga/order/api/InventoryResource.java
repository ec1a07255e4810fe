package dev.paysaga.order.api;

import dev.paysaga.order.domain.InventoryItem;
import dev.paysaga.order.domain.StockKey;
import dev.paysaga.order.persistence.StockReservations;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.ClientIds;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * A merchant's stock (docs/api.md). Each merchant has its own SKU namespace: a merchant key reads and
 * sets its own merchant's stock only; the platform credential names the merchant ({@code ?merchant_id=}).
 */
@Path("/v1/inventory/{sku}")
public class InventoryResource {
    private final StockReservations stock;
    private final CurrentCaller current;

    InventoryResource(StockReservations stock, CurrentCaller current) {
        this.stock = stock;
        this.current = current;
    }

    public record SetStockRequest(Long onHand) {
    }

    public record InventoryView(String merchantId, String sku, long onHand, long reserved, long available) {
        static InventoryView of(InventoryItem item) {
            return new InventoryView(item.key.merchantId(), item.key.sku(), item.onHand, item.reserved,
                    item.available());
        }
    }

    @PUT
    @RequiresScope(Scopes.ORDERS_WRITE)
    public Uni<InventoryView> set(@PathParam("sku") String sku, @QueryParam("merchant_id") String merchantId,
            SetStockRequest request) {
        StockKey key = key(merchantId, sku);
        if (request == null || request.onHand() == null || request.onHand() < 0) {
            throw ApiException.invalidRequest("on_hand", "on_hand must be a non-negative integer");
        }
        return Panache.withTransaction(() -> stock.setOnHand(key, request.onHand())).map(InventoryView::of);
    }

    @GET
    @WithSession
    @RequiresScope(Scopes.ORDERS_READ)
    public Uni<InventoryView> get(@PathParam("sku") String sku, @QueryParam("merchant_id") String merchantId) {
        StockKey key = key(merchantId, sku);
        return InventoryItem.<InventoryItem>findById(key)
                .onItem().ifNull().failWith(() -> ApiException.notFound("inventory item", sku))
                .map(InventoryView::of);
    }

    /** The SKU in the caller's merchant's namespace (a merchant key's own; the one the platform names). */
    private StockKey key(String merchantId, String sku) {
        return new StockKey(current.get().merchantFor(merchantId), ClientIds.requireSku(sku, "sku"));
    }
}
