package dev.paysaga.channel.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.channel.domain.ChannelTrade;
import java.util.Map;

/**
 * A PaymentIntent's {@code status} as a channel trade state, in one table, for queries and webhooks alike. With
 * manual capture, {@code requires_capture} is the Try having succeeded: the customer's card holds the amount, and
 * nothing moves until we capture it — so it counts as paid for the saga. A confirmation that failed leaves the
 * intent in {@code requires_payment_method} with a {@code last_payment_error}: we take that attempt as final
 * (declined), as one PaymentIntent is one payment attempt here; if the customer authorized later anyway, the
 * conflict is logged and, since capture is manual, nothing is taken unless we capture.
 */
final class IntentStates {
    private static final Map<String, ChannelTrade.State> TABLE = Map.of(
            "requires_payment_method", ChannelTrade.State.WAITING,
            "requires_confirmation", ChannelTrade.State.WAITING,
            "requires_action", ChannelTrade.State.WAITING,
            "processing", ChannelTrade.State.WAITING,
            "requires_capture", ChannelTrade.State.PAID,
            "succeeded", ChannelTrade.State.PAID,
            "canceled", ChannelTrade.State.CLOSED);

    private IntentStates() {
    }

    /** The state of the intent, or null for a status Stripe does not document. */
    static ChannelTrade.State of(JsonNode intent) {
        String status = intent.path("status").asText(null);
        ChannelTrade.State state = status == null ? null : TABLE.get(status);
        if (state == ChannelTrade.State.WAITING && status.equals("requires_payment_method")
                && intent.path("last_payment_error").isObject()) {
            return ChannelTrade.State.CLOSED;
        }
        return state;
    }
}
