package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer of the sandbox's Stripe API: status and JSON body; {@code replayed} when it is a kept answer given
 * again for an Idempotency-Key. Errors are {@code {"error":{"type","code","decline_code","message","param"}}}.
 */
record StripeReply(int status, String body, boolean replayed) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StripeReply ok(ObjectNode object) {
        return new StripeReply(200, object.toString(), false);
    }

    static StripeReply error(int status, String type, String code, String message, String param) {
        ObjectNode error = JSON.createObjectNode().put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        if (param != null) {
            error.put("param", param);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return new StripeReply(status, body.toString(), false);
    }

    /** A card error (402) about an intent, which Stripe attaches to the error. */
    static StripeReply cardError(String code, String declineCode, String message, ObjectNode intent) {
        ObjectNode error = JSON.createObjectNode().put("type", "card_error").put("code", code)
                .put("decline_code", declineCode).put("message", message);
        error.set("payment_intent", intent);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return new StripeReply(402, body.toString(), false);
    }

    static StripeReply unexpectedState(PaymentIntent intent, String action) {
        return error(400, "invalid_request_error", "payment_intent_unexpected_state",
                "You cannot " + action + " this PaymentIntent because it has a status of " + intent.status().wire() + ".",
                null);
    }

    static StripeReply noSuch(String what, String id) {
        return error(404, "invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'", "id");
    }

    StripeReply asReplay() {
        return new StripeReply(status, body, true);
    }
}
