package dev.paysaga.saga.domain;

import java.time.Duration;

/**
 * One row of a saga's step table.
 *
 * @param name        step name, unique in the saga (also the TCC branch name at the participant)
 * @param participant who takes part, e.g. {@code ledger}
 * @param topic       where its commands go, e.g. {@code ledger.commands}
 * @param deadline    how long any phase may wait for its answer: a Try past it fails the saga,
 *                    a Confirm or Cancel past it is sent again
 * @param retry       how Confirm and Cancel are retried
 * @param cancelAlways whether the step is cancelled even when its Try was never sent: its resource
 *                    was made before the saga started (a channel transaction opened when the
 *                    customer asked to pay), so a cancelling saga must undo it whatever happened
 */
public record StepDefinition(String name, String participant, String topic, Duration deadline, RetryPolicy retry,
        boolean cancelAlways) {

    public StepDefinition(String name, String participant, String topic, Duration deadline, RetryPolicy retry) {
        this(name, participant, topic, deadline, retry, false);
    }

    /** The same step, cancelled even when its Try was never sent. */
    public StepDefinition cancelledAlways() {
        return new StepDefinition(name, participant, topic, deadline, retry, true);
    }
}
