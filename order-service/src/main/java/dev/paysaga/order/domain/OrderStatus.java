package dev.paysaga.order.domain;

import dev.paysaga.runtime.state.StateMachine;

public enum OrderStatus {
    PENDING_PAYMENT, PAYING, PAID, SHIPPED, COMPLETED, CLOSED;

    /** The order lifecycle (docs/api.md): the only transitions an order may make. */
    public static final StateMachine<OrderStatus> LIFECYCLE = StateMachine.of("order", OrderStatus.class)
            .allow(PENDING_PAYMENT, PAYING, CLOSED)
            .allow(PAYING, PAID, PENDING_PAYMENT)
            .allow(PAID, SHIPPED)
            .allow(SHIPPED, COMPLETED)
            .build();
}
