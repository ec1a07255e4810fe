package dev.paysaga.runtime.tcc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a participant answers the orchestrator for one phase of one branch.
 *
 * @param succeeded      whether the phase succeeded (a repeated phase answers what the first did)
 * @param data           Try's answer (e.g. the pending transfer id), replayed on a repeated Try
 * @param failureCode    stable code of a refusal, e.g. {@code insufficient_funds}
 * @param failureMessage human-readable reason
 * @param pending        a Try accepted whose outcome comes later: nothing is answered yet
 */
public record BranchResult(boolean succeeded, JsonNode data, String failureCode, String failureMessage,
        boolean pending) {
    /** The branch was cancelled before its Try arrived: the Try must not run (anti-hanging). */
    public static final String CANCELLED_BEFORE_TRY = "cancelled_before_try";
    /** Confirm without a successful Try, or Cancel after Confirm: the orchestrator is out of step. */
    public static final String INVALID_STATE_TRANSITION = "invalid_state_transition";

    static BranchResult success(JsonNode data) {
        return new BranchResult(true, data, null, null, false);
    }

    static BranchResult failure(String code, String message) {
        return new BranchResult(false, null, code, message, false);
    }

    static BranchResult awaiting(JsonNode data) {
        return new BranchResult(false, data, null, null, true);
    }
}
