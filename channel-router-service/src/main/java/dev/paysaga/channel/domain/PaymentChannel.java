package dev.paysaga.channel.domain;

import io.smallrye.mutiny.Uni;
import java.time.ZoneId;
import java.util.Map;

/**
 * The port every payment channel's adapter implements: Alipay, WeChat Pay, UnionPay and Stripe, each
 * with create, query, close, refund, refund query, statement and notifications. Adapters speak the
 * channel's real wire protocol, sign
 * what they send and verify what they receive; they never touch the database.
 *
 * <p>Failures: a call whose outcome is unknown (unreachable, timed out, a system error, an answer
 * whose signature does not verify) fails with {@link ChannelUnavailableException}; a definite
 * business answer is a value.
 */
public interface PaymentChannel {

    /** The channel's name in the API and events: {@code alipay}, {@code wechatpay}, … */
    String name();

    /** The payment methods ({@code method} of the API) this channel can take. */
    boolean accepts(String method);

    /** Currencies the channel settles; others are refused before anything is stored. */
    boolean settles(String currency);

    /**
     * Creates the payment at the channel. Repeating it with the same payment (same id and values)
     * must be safe: adapters use the payment id as the channel's merchant order number.
     */
    Uni<CreateResult> create(ChannelPayment payment);

    /** Where the channel's trade stands now. */
    Uni<ChannelTrade> query(ChannelPayment payment);

    /**
     * Closes the trade so it can no longer be paid. Answers {@link ChannelTrade.State#CLOSED}, or
     * {@link ChannelTrade.State#PAID} when the customer paid first.
     */
    Uni<ChannelTrade> close(ChannelPayment payment);

    /**
     * Takes the money of a paid payment for good: the Confirm of the saga's channel step. Channels that
     * take the money when the customer pays (Alipay, WeChat Pay) have nothing to do; one that only
     * authorizes then (Stripe, manual capture) captures the whole amount here. Safe to repeat. Fails
     * with {@link ChannelUnavailableException} when the outcome is unknown, and with a 402
     * {@code channel_declined} when the channel refuses for good (an expired authorization).
     */
    default Uni<Void> capture(ChannelPayment payment) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Undoes a paid payment whose money was not taken yet, when its saga cancels: a channel that only
     * authorized (Stripe) releases the authorization and answers CLOSED, or PAID if it was captured after
     * all. Channels that take the money when the customer pays answer PAID: only a refund gives it back.
     */
    default Uni<ChannelTrade> release(ChannelPayment payment) {
        return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.PAID));
    }

    /**
     * Refunds part or all of a paid payment. Safe to repeat with the same refund id: the channel
     * takes it as the same request. An unknown outcome fails with {@link ChannelUnavailableException}.
     */
    default Uni<ChannelRefund.Outcome> refund(ChannelRefund refund) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " refunds are not implemented yet"));
    }

    /** Where a refund stands at the channel. */
    default Uni<ChannelRefund.Outcome> queryRefund(ChannelRefund refund) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " refunds are not implemented yet"));
    }

    /**
     * The channel's statement of {@code day} (the channel's own calendar day), downloaded and checked
     * (integrity, our merchant). A day without transactions is an empty statement.
     */
    default Uni<ChannelStatement> statement(java.time.LocalDate day) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " statements are not implemented yet"));
    }

    /** The time zone of the channel's calendar days: the day a statement covers begins at midnight there. */
    ZoneId statementZone();

    /**
     * Parses an asynchronous notification and verifies it (signature, freshness, our merchant);
     * refuses with {@link NotificationRefusedException} anything it cannot trust. No I/O.
     */
    ChannelNotification parseAndVerify(InboundNotification notification);

    /** What tells the channel a notification was taken, so it stops resending it. */
    CallbackReply acknowledgement();

    /** What tells the channel a notification was not taken (it will resend it); {@code why} is a stable reason. */
    CallbackReply refusal(String why);

    /** A notification as it arrived: header names in lower case, the body as text. */
    record InboundNotification(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** An answer in the channel's own words; a null body is answered 204 No Content. */
    record CallbackReply(String mediaType, String body) {
    }

    /**
     * What the router knows about the payment when it asks a channel to act on it.
     *
     * @param channelTradeNo the channel's own id of the trade once known (Stripe's PaymentIntent id, learnt at create),
     *                       else null: channels that address trades by our payment id need none
     */
    record ChannelPayment(String paymentId, String merchantId, long amountMinor, String currency, String terminal,
            String channelTradeNo) {
        public ChannelPayment(String paymentId, String merchantId, long amountMinor, String currency, String terminal) {
            this(paymentId, merchantId, amountMinor, currency, terminal, null);
        }
    }

    sealed interface CreateResult {
    }

    /**
     * The channel took the payment; {@code nextAction} tells the customer how to pay; {@code channelTradeNo} is the
     * channel's id of the new trade when the channel names it at once and later calls need it (Stripe), else null.
     */
    record Created(Map<String, String> nextAction, String channelTradeNo) implements CreateResult {
        public Created(Map<String, String> nextAction) {
            this(nextAction, null);
        }
    }

    /** The channel refused the payment for good (not a transient failure). */
    record Declined(String channelCode, String channelMessage) implements CreateResult {
    }
}
