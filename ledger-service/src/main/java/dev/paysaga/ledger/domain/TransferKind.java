package dev.paysaga.ledger.domain;

/** What a transfer does: moves money at once, holds it, or resolves a hold. */
public enum TransferKind {
    /** Posted at once (single-phase). */
    SINGLE,
    /** Held on both accounts until posted, voided or expired. */
    PENDING,
    /** Posts a pending transfer, in full or in part; the rest is released. */
    POST_PENDING,
    /** Releases a pending transfer. */
    VOID_PENDING;

    public boolean resolves() {
        return this == POST_PENDING || this == VOID_PENDING;
    }
}
