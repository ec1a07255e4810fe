package dev.paysaga.reconciliation.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A discrepancy as a run stored it, with what is being done about it.
 *
 * @param seq              its place in the run, from 1: the items' cursor
 * @param resolution       what is done about it: settle, refund, review or wait
 * @param resolutionId     the automatic resolution or adjustment acting on it, if any
 * @param resolutionStatus that resolution's status
 */
public record Item(String runId, int seq, DiscrepancyKind kind, String subject, String paymentId, String refundId,
        long amountMinor, String currency, JsonNode ours, JsonNode theirs, String note, String resolution,
        String resolutionId, String resolutionStatus) {
}
