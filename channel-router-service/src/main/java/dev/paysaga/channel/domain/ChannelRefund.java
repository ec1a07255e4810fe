package dev.paysaga.channel.domain;

/**
 * A refund as a channel is asked for it, and what the channel said.
 *
 * @param refundId the refund's id ({@code re_…}): the channel's refund request number, so asking
 *                 again with it never refunds twice
 * @param amountMinor this refund alone, in minor units
 * @param paymentAmountMinor what the payment took (WeChat Pay wants it with every refund)
 * @param channelTradeNo the channel's id of the paid trade, for channels that refund by it (Stripe's
 *                       PaymentIntent, UnionPay's queryId); null where the payment id is enough
 */
public record ChannelRefund(String paymentId, String refundId, long amountMinor, long paymentAmountMinor, String currency,
        String channelTradeNo) {

    public ChannelRefund(String paymentId, String refundId, long amountMinor, long paymentAmountMinor, String currency) {
        this(paymentId, refundId, amountMinor, paymentAmountMinor, currency, null);
    }

    /** The channel's answer about one refund. */
    public sealed interface Outcome {
    }

    /**
     * The money went back. {@code channelReference}: the channel's id of the refund or, where it gives
     * none (Alipay), of the trade; {@code refundedTotalMinor}: the payment's refunded total, when the channel says it.
     */
    public record Refunded(String channelReference, Long refundedTotalMinor) implements Outcome {
    }

    /** The channel took the refund and will finish it later: ask again. */
    public record Processing() implements Outcome {
    }

    /** The channel refused it for good (amount above what remains, trade not refundable, …). */
    public record Declined(String channelCode, String channelMessage) implements Outcome {
    }

    /** The channel has no such refund: it never arrived, so asking for it again is safe. */
    public record NotFound() implements Outcome {
    }
}
