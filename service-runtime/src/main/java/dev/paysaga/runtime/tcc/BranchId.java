package dev.paysaga.runtime.tcc;

import java.util.Objects;

/** One participant's part in one saga: the saga id and the step name. */
public record BranchId(String sagaId, String step) {
    public BranchId {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(step, "step");
    }
}
