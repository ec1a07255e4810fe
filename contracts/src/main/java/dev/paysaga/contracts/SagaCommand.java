package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A TCC command from the orchestrator to one participant, on {@code <participant>.commands}.
 * Type {@code saga.try}, {@code saga.confirm} or {@code saga.cancel}. Schema: {@code schemas/saga.command.json}.
 *
 * @param step    the step name, which is also the participant's TCC branch name
 * @param phase   {@code try}, {@code confirm} or {@code cancel}
 * @param attempt 1 for the first send; a participant answers every attempt the same way
 * @param payment what a {@code pay_order} saga moves
 * @param refund  what a {@code refund} saga moves
 * @param failureCode on a cancel, why the saga is cancelling (e.g. {@code insufficient_funds}), if known
 */
public record SagaCommand(
        @JsonProperty("saga_id") String sagaId,
        @JsonProperty("saga_type") String sagaType,
        @JsonProperty("step") String step,
        @JsonProperty("phase") String phase,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("payment") PaymentInstruction payment,
        @JsonProperty("refund") RefundInstruction refund,
        @JsonProperty("failure_code") String failureCode) {

    /** Saga types ({@code saga_type}). */
    public static final String PAY_ORDER = "pay_order";
    public static final String REFUND = "refund";

    public static final String TRY = "try";
    public static final String CONFIRM = "confirm";
    public static final String CANCEL = "cancel";

    public String type() {
        return "saga." + phase;
    }
}
