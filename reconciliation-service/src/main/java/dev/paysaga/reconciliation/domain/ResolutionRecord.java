package dev.paysaga.reconciliation.domain;

import java.time.Instant;

/**
 * What is being done about a discrepancy: an automatic settle or refund (once per payment, whichever run found it),
 * or an adjustment proposed by one operator and approved or rejected by another.
 *
 * @param status     settle and refund: pending, done or failed; adjustment: proposed, posted or rejected
 * @param refundId   the refund a refund resolution asks the channel for: chosen once, so asking again is the same refund
 * @param transferId the ledger transfer an approved adjustment posted
 */
public record ResolutionRecord(String id, String action, String channel, String paymentId, String refundId,
        long amountMinor, String currency, String status, String runId, int itemSeq, String reason,
        String debitAccountId, String creditAccountId, String proposedBy, String decidedBy, String transferId,
        int attempts, String lastError, Instant createdAt, Instant updatedAt) {
    public static final String SETTLE = "settle";
    public static final String REFUND = "refund";
    public static final String ADJUSTMENT = "adjustment";
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String PROPOSED = "proposed";
    public static final String POSTED = "posted";
    public static final String REJECTED = "rejected";

    /** One line of a resolution's audit trail. */
    public record Audit(String actor, String action, String detail, Instant at) {
    }
}
