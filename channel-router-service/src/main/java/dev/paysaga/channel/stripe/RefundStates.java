package dev.paysaga.channel.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.channel.domain.ChannelRefund;
import java.util.Map;

/**
 * A Stripe Refund's {@code status} as the port's outcome, one table: {@code succeeded} → refunded; {@code pending},
 * {@code requires_action} → processing (ask again); {@code failed}, {@code canceled} → declined, with the refund's
 * {@code failure_reason} when Stripe gives one. Any other status is not understood: null, never a guess.
 */
final class RefundStates {
    private enum Meaning { REFUNDED, PROCESSING, DECLINED }

    private static final Map<String, Meaning> STATUS = Map.of(
            "succeeded", Meaning.REFUNDED,
            "pending", Meaning.PROCESSING,
            "requires_action", Meaning.PROCESSING,
            "failed", Meaning.DECLINED,
            "canceled", Meaning.DECLINED);

    private RefundStates() {
    }

    /** The outcome the refund object says, or null for a status not in the table. */
    static ChannelRefund.Outcome of(JsonNode refund) {
        String status = StripeReply.text(refund, "status");
        Meaning meaning = status == null ? null : STATUS.get(status);
        if (meaning == null) {
            return null;
        }
        return switch (meaning) {
            case REFUNDED -> new ChannelRefund.Refunded(StripeReply.text(refund, "id"), null);
            case PROCESSING -> new ChannelRefund.Processing();
            case DECLINED -> {
                String reason = StripeReply.text(refund, "failure_reason");
                yield new ChannelRefund.Declined(reason != null ? reason : "refund_" + status, "the refund is " + status);
            }
        };
    }
}
