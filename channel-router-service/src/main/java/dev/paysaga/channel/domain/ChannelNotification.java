package dev.paysaga.channel.domain;

/**
 * A verified asynchronous notification: about a payment's trade or, for channels that notify refunds
 * (WeChat Pay's {@code REFUND.*}), about one refund.
 *
 * @param notificationId the channel's id of this notification, the same on every resend (Alipay's
 *                       {@code notify_id}, WeChat Pay's {@code id}): duplicates are acknowledged without work
 * @param deliveryNonce  the nonce the channel signed this one delivery with (WeChat Pay's
 *                       {@code Wechatpay-Nonce}), or null: a delivery seen twice is a replay and is refused
 * @param trade          the payment's trade as the channel reports it (for a refund notice: its payment, state
 *                       unknown)
 * @param refund         the refund the notification is about, or null for a payment notification
 */
public record ChannelNotification(String channel, String notificationId, String deliveryNonce, ChannelTrade trade,
        RefundNotice refund) {
    public ChannelNotification(String channel, String notificationId, String deliveryNonce, ChannelTrade trade) {
        this(channel, notificationId, deliveryNonce, trade, null);
    }

    public ChannelNotification(String channel, String notificationId, ChannelTrade trade) {
        this(channel, notificationId, null, trade, null);
    }

    /** What the channel says of one of our refunds: its id, the amount it names, and how it ended. */
    public record RefundNotice(String refundId, long amountMinor, ChannelRefund.Outcome outcome) {
    }
}
