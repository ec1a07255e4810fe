package dev.paysaga.saga.domain;

import java.time.Instant;

/** Where one phase of one step stands: what was sent, how often, what came back. */
public final class PhaseState {
    public enum Status {
        NOT_SENT,
        /** Sent, awaiting the answer until {@code deadlineAt}. */
        SENT,
        /** Failed; sent again at {@code retryAt}. */
        RETRY_WAIT,
        SUCCEEDED,
        FAILED
    }

    public Status status = Status.NOT_SENT;
    public int attempts;
    public Instant sentAt;
    public Instant answeredAt;
    public Instant deadlineAt;
    public Instant retryAt;
    public String error;

    void sent(Instant now, Instant deadline) {
        status = Status.SENT;
        attempts++;
        sentAt = now;
        deadlineAt = deadline;
        retryAt = null;
    }

    void answered(boolean succeeded, String failure, Instant now) {
        status = succeeded ? Status.SUCCEEDED : Status.FAILED;
        answeredAt = now;
        deadlineAt = null;
        error = succeeded ? error : failure;
    }

    void retryAt(Instant at, String failure) {
        status = Status.RETRY_WAIT;
        deadlineAt = null;
        retryAt = at;
        error = failure;
    }

    boolean wasSent() {
        return status != Status.NOT_SENT;
    }
}
