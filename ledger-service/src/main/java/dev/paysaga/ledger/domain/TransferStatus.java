package dev.paysaga.ledger.domain;

import dev.paysaga.runtime.state.StateMachine;

/**
 * Where a transfer stands. Single transfers and posts are {@code POSTED}, voids {@code VOIDED};
 * only a pending transfer moves, and only once.
 */
public enum TransferStatus {
    POSTED,
    VOIDED,
    PENDING,
    PENDING_POSTED,
    PENDING_VOIDED,
    PENDING_EXPIRED;

    public static final StateMachine<TransferStatus> LIFECYCLE = StateMachine.of("transfer", TransferStatus.class)
            .allow(PENDING, PENDING_POSTED, PENDING_VOIDED, PENDING_EXPIRED)
            .build();
}
