package dev.paysaga.payment.domain;

import dev.paysaga.runtime.state.StateMachine;

public enum PaymentStatus {
    PENDING, PROCESSING, SUCCEEDED, FAILED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED;

    /** The payment lifecycle (docs/api.md). */
    public static final StateMachine<PaymentStatus> LIFECYCLE = StateMachine.of("payment", PaymentStatus.class)
            .allow(PENDING, PROCESSING, FAILED, CANCELLED)
            .allow(PROCESSING, SUCCEEDED, FAILED, CANCELLED)
            .allow(SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED)
            .allow(PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, REFUNDED)
            .build();
}
