package dev.paysaga.payment.domain;

import dev.paysaga.runtime.state.StateMachine;

public enum RefundStatus {
    PENDING, SUCCEEDED, FAILED;

    /** The refund lifecycle (docs/api.md): a refund resolves once. */
    public static final StateMachine<RefundStatus> LIFECYCLE = StateMachine.of("refund", RefundStatus.class)
            .allow(PENDING, SUCCEEDED, FAILED)
            .build();
}
