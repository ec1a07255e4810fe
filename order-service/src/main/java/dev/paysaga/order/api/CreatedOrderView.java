package dev.paysaga.order.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to the creation of an order: the order and, this once, its client secret. Not what an
 * Idempotency-Key replay answers: the secret is kept nowhere, not even there (docs/api.md, Orders).
 */
public record CreatedOrderView(@JsonUnwrapped OrderView order, String clientSecret) {
}
