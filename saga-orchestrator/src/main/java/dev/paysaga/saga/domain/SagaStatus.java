package dev.paysaga.saga.domain;

public enum SagaStatus {
    /** Accepted, nothing sent yet: waits in the database for a free slot (see {@code SagaAdmission}). */
    WAITING,
    /** Try commands are out; waiting for every step's answer. */
    TRYING,
    /** Every Try succeeded; Confirm commands are out (retried until each succeeds). */
    CONFIRMING,
    /** A Try failed or timed out; Cancel commands go out in reverse step order. */
    CANCELLING,
    COMPLETED,
    CANCELLED,
    /** Confirm or Cancel kept failing past the retry limit: an operator must look. */
    NEEDS_ATTENTION;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == NEEDS_ATTENTION;
    }
}
