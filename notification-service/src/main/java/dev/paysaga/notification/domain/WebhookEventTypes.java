package dev.paysaga.notification.domain;

import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.contracts.RefundEvent;
import dev.paysaga.runtime.api.ApiException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The events merchants receive by webhook, and what an endpoint may subscribe to: a type, every type
 * of a kind ({@code payment.*}) or everything ({@code *}).
 */
public final class WebhookEventTypes {
    public static final String ENDPOINT_DISABLED = "webhook_endpoint.disabled";
    public static final String ALL = "*";
    /** Every type a merchant may subscribe to; {@code payment.processing} and {@code payment.cancelled} are reserved. */
    static final Set<String> TYPES = Set.of("payment.processing", PaymentEvent.SUCCEEDED, PaymentEvent.FAILED,
            "payment.cancelled", RefundEvent.SUCCEEDED, RefundEvent.FAILED, ENDPOINT_DISABLED);
    private static final Set<String> KINDS = Set.of("payment.*", "refund.*", "webhook_endpoint.*");
    private static final int MAX = 32;

    private WebhookEventTypes() {
    }

    /** Whether events of this type are delivered to endpoints at all. */
    public static boolean delivered(String type) {
        return TYPES.contains(type);
    }

    /** What an endpoint subscribing to {@code type} has in its list: the type, its kind, or everything. */
    public static String[] subscriptionsOf(String type) {
        return new String[] {ALL, type, type.substring(0, type.indexOf('.') + 1) + "*"};
    }

    /** The requested subscriptions, checked and in a stable order; unknown ones are refused. */
    public static List<String> parse(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.invalidRequest("enabled_events", "enabled_events must name at least one event type, or \"*\"");
        }
        if (requested.size() > MAX) {
            throw ApiException.invalidRequest("enabled_events", "enabled_events takes at most " + MAX + " entries");
        }
        Set<String> types = new TreeSet<>();
        for (String type : requested) {
            if (type == null || !(ALL.equals(type) || TYPES.contains(type) || KINDS.contains(type))) {
                throw ApiException.invalidRequest("enabled_events", "unknown event type: " + quoted(type)
                        + "; known: " + new TreeSet<>(TYPES) + ", " + new TreeSet<>(KINDS) + " and \"*\"");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private static String quoted(String type) {
        return type == null ? "null" : "\"" + (type.length() > 64 ? type.substring(0, 64) + "…" : type) + "\"";
    }
}
