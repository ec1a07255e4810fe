package dev.paysaga.channel.domain;

/**
 * A verified asynchronous notification.
 *
 * @param notificationId the channel's id of this notification, the same on every resend (Alipay's
 *                       {@code notify_id}, WeChat Pay's {@code id}): duplicates are acknowledged without work
 * @param deliveryNonce  the nonce the channel signed this one delivery with (WeChat Pay's
 *                       {@code Wechatpay-Nonce}), or null: a delivery seen twice is a replay and is refused
 */
public record ChannelNotification(String channel, String notificationId, String deliveryNonce, ChannelTrade trade) {
    public ChannelNotification(String channel, String notificationId, ChannelTrade trade) {
        this(channel, notificationId, null, trade);
    }
}
