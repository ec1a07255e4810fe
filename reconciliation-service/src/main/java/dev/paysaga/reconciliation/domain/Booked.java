package dev.paysaga.reconciliation.domain;

import java.time.Instant;

/**
 * What our books say about one payment or refund through a channel (the read model fed by events).
 *
 * @param kind          payment or refund
 * @param status        the channel's word: {@code succeeded}, {@code failed}, or null while we wait for it
 * @param paymentStatus the payment's outcome in our books ({@code succeeded}, {@code failed}), or null while its
 *                      saga runs; always null for a refund
 * @param at            when the channel's word reached us
 */
public record Booked(StatementLine.Kind kind, String paymentId, String refundId, String channel, String channelTradeNo,
        long amountMinor, String currency, String status, String paymentStatus, Instant at) {
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    String key() {
        return kind == StatementLine.Kind.REFUND ? refundId : paymentId;
    }

    /** Money moved at the channel, as far as we know, and our books keep it. */
    boolean inOurBooks() {
        return SUCCEEDED.equals(status) && !FAILED.equals(paymentStatus);
    }

    /** The payment failed or was cancelled in our books: money the channel took for it is not ours to keep. */
    boolean cancelled() {
        return FAILED.equals(paymentStatus) || FAILED.equals(status);
    }
}
