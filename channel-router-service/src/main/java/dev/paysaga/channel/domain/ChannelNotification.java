package dev.paysaga.channel.domain;

/**
 * A verified asynchronous notification.
 *
 * @param notificationId the channel's id of this notification, the same on every resend (Alipay's {@code notify_id})
 */
public record ChannelNotification(String channel, String notificationId, ChannelTrade trade) {
}
