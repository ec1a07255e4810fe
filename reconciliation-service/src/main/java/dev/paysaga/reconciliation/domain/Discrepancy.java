package dev.paysaga.reconciliation.domain;

/**
 * One thing a run found, both sides attached.
 *
 * @param subject what it is about: our payment or refund id, or the channel's trade number for a trade we never made
 * @param amountMinor the channel's amount where the channel has a line, else ours
 * @param ours   our books' record, or null
 * @param theirs the statement's line, or null
 */
public record Discrepancy(DiscrepancyKind kind, String subject, String paymentId, String refundId, long amountMinor,
        String currency, Booked ours, StatementLine theirs, String note, Resolution resolution) {
}
