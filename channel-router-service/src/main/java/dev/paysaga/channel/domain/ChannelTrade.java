package dev.paysaga.channel.domain;

/**
 * What a channel says about one trade, from a query, a close or a notification.
 *
 * @param channelTradeNo the channel's own id of the trade, when it has one
 * @param amountMinor    the amount the channel reports, in minor units; null when it reports none
 */
public record ChannelTrade(String paymentId, State state, String channelTradeNo, Long amountMinor) {
    public enum State {
        /** The customer paid. Final. */
        PAID,
        /** The trade is closed unpaid (timed out, closed by us or the channel). Final. */
        CLOSED,
        /** Created and waiting for the customer. */
        WAITING,
        /** The channel has no such trade (yet: a precreated QR code exists at Alipay only once scanned). */
        NOT_FOUND
    }

    public static ChannelTrade of(String paymentId, State state) {
        return new ChannelTrade(paymentId, state, null, null);
    }
}
