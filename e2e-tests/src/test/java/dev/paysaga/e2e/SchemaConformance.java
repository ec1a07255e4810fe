package dev.paysaga.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a JSON value departs from an OpenAPI schema of the aggregated document: a field the schema does
 * not declare (a {@code merchantId} where the API speaks {@code merchant_id}), or a value of another JSON
 * type than declared. Declared fields that are absent are fine: the documents mark no field required.
 */
final class SchemaConformance {
    private SchemaConformance() {
    }

    /** Every departure of {@code value} from {@code schema}, each naming where ({@code at}). */
    static List<String> departures(JsonNode value, JsonNode schema, String at) {
        List<String> found = new ArrayList<>();
        check(value, schema, at, found);
        return found;
    }

    private static void check(JsonNode value, JsonNode schema, String at, List<String> found) {
        schema = PublicApi.resolve(schema);
        if (value == null || value.isNull()) {
            return;
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            if (schema.has(alternatives)) {
                for (JsonNode alternative : schema.get(alternatives)) {
                    if (departures(value, alternative, at).isEmpty()) {
                        return;
                    }
                }
                found.add(at + ": matches none of its " + alternatives + " schemas");
                return;
            }
        }
        if (schema.has("allOf")) {
            schema = merged(schema);
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            found.add(at + ": " + value.getNodeType().name().toLowerCase() + " where the document says " + schema.get("type"));
            return;
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", found);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), where, found);
                } else if (additional.isObject()) {
                    check(field.getValue(), additional, where, found);
                } else if (properties.size() > 0 || additional.isBoolean() && !additional.asBoolean()) {
                    found.add(where + ": not in the document");
                }
            }
        }
    }

    /** An allOf schema as one: its parts' properties together (the documents compose objects only). */
    private static JsonNode merged(JsonNode schema) {
        ObjectNode merged = schema.deepCopy();
        merged.remove("allOf");
        ObjectNode properties = merged.has("properties") ? (ObjectNode) merged.get("properties")
                : merged.putObject("properties");
        for (JsonNode part : schema.get("allOf")) {
            JsonNode resolved = PublicApi.resolve(part);
            if (resolved.has("allOf")) {
                resolved = merged(resolved);
            }
            if (resolved.path("properties").isObject()) {
                properties.setAll((ObjectNode) resolved.get("properties").deepCopy());
            }
            if (!merged.has("type") && resolved.has("type")) {
                merged.set("type", resolved.get("type"));
            }
        }
        return merged;
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
