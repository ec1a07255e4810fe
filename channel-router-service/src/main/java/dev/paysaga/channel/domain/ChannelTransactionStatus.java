package dev.paysaga.channel.domain;

import dev.paysaga.runtime.state.StateMachine;

/**
 * A channel transaction resolves once: pending, then succeeded, failed or closed for good. The one
 * move after that: a payment the channel only authorized (Stripe) may be released before it is
 * captured, when its saga cancels.
 */
public enum ChannelTransactionStatus {
    /** At the channel, waiting for the customer. */
    PENDING,
    /** The customer paid (notification, query, or a close that found it paid). */
    SUCCEEDED,
    /** The channel declined or closed the trade on its own. */
    FAILED,
    /** We closed it at the channel, unpaid. */
    CLOSED,
    /** Authorized, then released at the channel before anything was captured: no money moved. */
    RELEASED;

    public static final StateMachine<ChannelTransactionStatus> LIFECYCLE =
            StateMachine.of("channel transaction", ChannelTransactionStatus.class)
                    .allow(PENDING, SUCCEEDED, FAILED, CLOSED)
                    .allow(SUCCEEDED, RELEASED)
                    .build();

    public boolean isFinal() {
        return this != PENDING;
    }

    /** Whether the money moved: two final outcomes conflict when they disagree on this. */
    public boolean paid() {
        return this == SUCCEEDED;
    }

    public String apiName() {
        return name().toLowerCase();
    }
}
