package dev.paysaga.sandbox.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stripe's list endpoints, shared: {@code {"object":"list","url","has_more","data":[…]}}, newest first, at most
 * {@code limit} (1–100, default 10) objects after {@code starting_after} (an id in the list, else 400
 * {@code resource_missing}). Parameters the endpoint does not know, or a parameter given twice, are 400
 * {@code invalid_request_error}, as Stripe answers them.
 */
final class StripeLists {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private StripeLists() {
    }

    /** The refusal of a parameter not in {@code known} (or a single-valued one repeated), else null. */
    static StripeReply unknownParameter(Map<String, List<String>> query, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                return StripeReply.error(400, "invalid_request_error", "parameter_unknown",
                        "Received unknown parameter: " + parameter.getKey(), parameter.getKey());
            }
            if (!parameter.getKey().endsWith("[]") && parameter.getValue().size() > 1) {
                return StripeReply.error(400, "invalid_request_error", "parameter_invalid",
                        "Parameter " + parameter.getKey() + " given more than once", parameter.getKey());
            }
        }
        return null;
    }

    static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** One page of {@code oldestFirst} (the endpoint's objects after its filters), newest first. */
    static StripeReply page(String url, String what, List<ObjectNode> oldestFirst, Map<String, List<String>> query,
            Function<ObjectNode, ObjectNode> shown) {
        int limit = DEFAULT_LIMIT;
        String limitText = single(query, "limit");
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,3}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIMIT) {
                return StripeReply.error(400, "invalid_request_error", "parameter_invalid",
                        "limit must be an integer from 1 to " + MAX_LIMIT, "limit");
            }
            limit = Integer.parseInt(limitText);
        }
        List<ObjectNode> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        int start = 0;
        String after = single(query, "starting_after");
        if (after != null) {
            int at = -1;
            for (int i = 0; i < newestFirst.size() && at < 0; i++) {
                if (after.equals(newestFirst.get(i).get("id").asText())) {
                    at = i;
                }
            }
            if (at < 0) {
                return StripeReply.error(400, "invalid_request_error", "resource_missing",
                        "No such " + what + ": '" + after + "'", "starting_after");
            }
            start = at + 1;
        }
        int end = Math.min(newestFirst.size(), start + limit);
        ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", url).put("has_more", end < newestFirst.size());
        var data = list.putArray("data");
        newestFirst.subList(start, end).forEach(object -> data.add(shown.apply(object)));
        return StripeReply.ok(list);
    }

    /** Stripe's {@code created} filter: an exact second, or any of {@code [gte] [gt] [lte] [lt]}, each an integer. */
    record Created(Long exact, Long gte, Long gt, Long lte, Long lt) {
        static Created of(Map<String, List<String>> query) {
            return new Created(second(query, "created"), second(query, "created[gte]"), second(query, "created[gt]"),
                    second(query, "created[lte]"), second(query, "created[lt]"));
        }

        boolean test(long created) {
            return (exact == null || created == exact) && (gte == null || created >= gte) && (gt == null || created > gt)
                    && (lte == null || created <= lte) && (lt == null || created < lt);
        }

        private static Long second(Map<String, List<String>> query, String name) {
            String value = single(query, name);
            if (value == null) {
                return null;
            }
            if (!value.matches("[0-9]{1,12}")) {
                throw new IllegalArgumentException(name + " must be a Unix timestamp in seconds: " + value);
            }
            return Long.parseLong(value);
        }
    }
}
