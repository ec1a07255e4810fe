package dev.paysaga.channel.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A channel's statement of one day, in the channel's own time zone: every payment it took and every
 * refund it paid back, as the channel saw them. Reconciliation compares it with our own records.
 */
public record ChannelStatement(String channel, LocalDate day, List<Line> lines) {
    public enum Kind { PAYMENT, REFUND }

    /**
     * @param refundId    our refund id ({@code re_…}) for a refund line, null for a payment
     * @param amountMinor what moved: the payment's amount, or the refund's
     */
    public record Line(Kind kind, String paymentId, String channelTradeNo, String refundId, long amountMinor,
            String currency, Instant at) {
    }
}
