package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code payment.requested} on {@code order.events}: the customer asked to pay an order; the
 * orchestrator starts saga {@code saga_id} for it. Schema: {@code schemas/payment.requested.json}.
 */
public record PaymentRequested(
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("payment") PaymentInstruction payment) {

    public static final String TYPE = "payment.requested";
}
