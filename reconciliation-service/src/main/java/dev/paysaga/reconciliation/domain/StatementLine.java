package dev.paysaga.reconciliation.domain;

import java.time.Instant;

/**
 * One line of a channel's statement, as channel-router read it from the channel's file.
 *
 * @param refundId our refund id for a refund line; a refund we never asked for may carry none, or one we do not know
 */
public record StatementLine(Kind kind, String paymentId, String channelTradeNo, String refundId, long amountMinor,
        String currency, Instant at) {
    public enum Kind { PAYMENT, REFUND }

    /** What the line is about: our refund id for a refund, our payment id for a payment. */
    String key() {
        if (kind == Kind.REFUND) {
            return refundId != null ? refundId : "refund of " + paymentId + " (" + channelTradeNo + ")";
        }
        return paymentId != null ? paymentId : "trade " + channelTradeNo;
    }
}
