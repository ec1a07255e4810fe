package dev.paysaga.channel.domain;

/** How an attempt at one channel ended, and whether that channel may now hold the payment. */
public enum AttemptOutcome {
    /** Written before the call: until it is replaced, the call may have reached the channel. */
    CALLING(true),
    /** The channel took the payment (the customer can pay there). */
    CREATED(true),
    /** The channel refused it for good. */
    DECLINED(true),
    /** Sent, but the answer is unknown (timeout, 5xx, unsigned or badly signed answer). */
    UNKNOWN(true),
    /** Never sent: the connection could not be made. */
    UNREACHABLE(false),
    /** Never sent: the channel's circuit breaker is open. */
    CIRCUIT_OPEN(false);

    /** True when the channel may have the payment, so another channel must never be asked for it. */
    public final boolean mayHoldPayment;

    AttemptOutcome(boolean mayHoldPayment) {
        this.mayHoldPayment = mayHoldPayment;
    }

    public String apiName() {
        return name().toLowerCase();
    }
}
