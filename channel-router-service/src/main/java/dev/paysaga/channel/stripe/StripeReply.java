package dev.paysaga.channel.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.channel.domain.ChannelUnavailableException;

/**
 * One answer of Stripe's API: the HTTP status and the JSON body; errors are
 * {@code {"error":{"type","code","decline_code","message","param"}}}.
 */
record StripeReply(int status, JsonNode body) {
    JsonNode error() {
        return body.path("error");
    }

    String errorType() {
        return text(error(), "type");
    }

    String errorCode() {
        return text(error(), "code");
    }

    String declineCode() {
        return text(error(), "decline_code");
    }

    String errorMessage() {
        return text(error(), "message");
    }

    /** 402 {@code card_error}: the card said no (card_declined, expired_card, …), for good for this attempt. */
    boolean isCardError() {
        return status == 402 && "card_error".equals(errorType());
    }

    /**
     * A 400/404 {@code invalid_request_error} that a retry cannot change. {@code idempotency_error} is not one: it says
     * our retry was not the same request, which is a bug to look at, not a refusal of the payment.
     */
    boolean isInvalidRequest() {
        return (status == 400 || status == 404) && "invalid_request_error".equals(errorType());
    }

    boolean is(String code) {
        return code.equals(errorCode());
    }

    /** 401 (our key), 409 (a concurrent request with the key), 429, 5xx: the outcome is unknown, ask again later. */
    ChannelUnavailableException unavailable(String what) {
        return new ChannelUnavailableException(what + " answered HTTP " + status
                + (errorType() == null ? "" : " " + errorType() + (errorCode() == null ? "" : "/" + errorCode())));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
