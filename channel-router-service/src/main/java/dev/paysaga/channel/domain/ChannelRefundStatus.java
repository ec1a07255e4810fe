package dev.paysaga.channel.domain;

import dev.paysaga.runtime.state.StateMachine;

/** A refund at a channel resolves once: pending, then succeeded or failed for good. */
public enum ChannelRefundStatus {
    /** Asked for; the channel has not said it is done (or its answer was lost). */
    PENDING,
    /** The money went back to the customer. */
    SUCCEEDED,
    /** The channel declined it, or it was abandoned when the channel provably never took it. */
    FAILED;

    public static final StateMachine<ChannelRefundStatus> LIFECYCLE =
            StateMachine.of("channel refund", ChannelRefundStatus.class)
                    .allow(PENDING, SUCCEEDED, FAILED)
                    .build();

    public boolean isFinal() {
        return this != PENDING;
    }

    public String apiName() {
        return name().toLowerCase();
    }
}
