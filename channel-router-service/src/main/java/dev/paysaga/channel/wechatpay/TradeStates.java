package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.domain.ChannelTrade;
import java.util.Map;

/** WeChat Pay's {@code trade_state} values as channel trade states, in one table. */
final class TradeStates {
    private static final Map<String, ChannelTrade.State> TABLE = Map.of(
            "SUCCESS", ChannelTrade.State.PAID,
            // Refunded after payment: the money did move.
            "REFUND", ChannelTrade.State.PAID,
            "NOTPAY", ChannelTrade.State.WAITING,
            "USERPAYING", ChannelTrade.State.WAITING,
            "CLOSED", ChannelTrade.State.CLOSED,
            "REVOKED", ChannelTrade.State.CLOSED,
            // Payment failed at the payer's bank: final, the order cannot be paid any more.
            "PAYERROR", ChannelTrade.State.CLOSED);

    private TradeStates() {
    }

    /** The state, or null for a value WeChat Pay does not document. */
    static ChannelTrade.State of(String tradeState) {
        return tradeState == null ? null : TABLE.get(tradeState);
    }
}
