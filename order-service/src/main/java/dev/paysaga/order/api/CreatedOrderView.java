package dev.paysaga.order.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to the creation of an order: the order and, this once, its client secret. Not what an
 * Idempotency-Key replay answers: the secret is kept nowhere, not even there (docs/api.md, Orders).
 */
@Schema(name = "CreatedOrder", allOf = { OrderView.class, CreatedOrderView.Secret.class })
public record CreatedOrderView(@JsonUnwrapped OrderView order, String clientSecret) {
    /** What the creation answer adds to the order, for the OpenAPI document. */
    @Schema(name = "OrderClientSecret")
    record Secret(@Schema(description = "Proves the order's customer to GET and pay this order; shown once")
            String clientSecret) {
    }
}
