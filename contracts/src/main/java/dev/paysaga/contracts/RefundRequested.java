package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code refund.requested} on {@code saga.requests}: a merchant asked to refund a payment; the
 * orchestrator starts refund saga {@code saga_id}. Schema: {@code schemas/refund.requested.json}.
 */
public record RefundRequested(
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("refund") RefundInstruction refund) {

    public static final String TYPE = "refund.requested";
}
