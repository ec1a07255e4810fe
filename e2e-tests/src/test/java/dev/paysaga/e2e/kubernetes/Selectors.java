package dev.paysaga.e2e.kubernetes;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes label selectors, evaluated as the API server does. */
final class Selectors {
    private Selectors() {
    }

    /** A LabelSelector (matchLabels and matchExpressions); an empty one selects everything. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false; // an absent selector selects nothing (PDB, NetworkPolicy peers say so explicitly)
        }
        if (!equalityMatches(selector.path("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            String key = e.path("key").asText();
            Set<String> values = new HashSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (e.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown selector operator in " + e);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Service's selector, a plain map: every pair must be among the labels. */
    static boolean equalityMatches(JsonNode selector, Map<String, String> labels) {
        Map<String, String> required = labels(selector);
        return required.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static Map<String, String> labels(JsonNode map) {
        Map<String, String> labels = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
