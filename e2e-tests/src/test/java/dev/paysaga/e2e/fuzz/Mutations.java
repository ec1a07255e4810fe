package dev.paysaga.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.e2e.PublicApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bad inputs for one operation, derived from its schema in the OpenAPI document: each case breaks one thing of a
 * request that is otherwise well formed. {@link Case#surelyRefused()} says whether the API must refuse it (a wrong type,
 * a missing or unknown field, a key given twice, an id no object can have…); the others (an odd but legal text) must
 * only not break anything.
 */
final class Mutations {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Text a field must never take as an id, code or SKU; each also probes how a refusal quotes it. */
    static final List<String> ODD_STRINGS = List.of("../../etc/passwd", "<script>alert(1)</script>", "a\r\nSet-Cookie: x=1",
            "\u202Eevil\u202C", "\uD83D\uDCB8\uD83D\uDCB8", "tab\there", "nul\u0000byte", "x".repeat(10_000), "", " ",
            "%00", "' OR '1'='1", "${jndi:ldap://127.0.0.1/x}", "\u0007bell");
    /** Numbers no integer field of the API takes (an amount is at most a long; no count is fractional). */
    static final List<String> BAD_INTEGERS = List.of("9223372036854775808", "1e308", "1.5", "-9223372036854775809", "\"1\"",
            "true", "[]", "{}", "null");
    /** Numbers an integer field may or may not take. */
    static final List<String> EDGE_INTEGERS = List.of("0", "-1", "2147483648", "9223372036854775807");

    /** One request: what it breaks, its path (already encoded), query, content type and body. */
    record Case(String label, String path, String query, String contentType, byte[] body, boolean surelyRefused) {
    }

    private final PublicApi.Operation op;
    private final Targets targets;
    private final List<Case> cases = new ArrayList<>();

    private Mutations(PublicApi.Operation op, Targets targets) {
        this.op = op;
        this.targets = targets;
    }

    static List<Case> of(PublicApi.Operation op, Targets targets) {
        Mutations m = new Mutations(op, targets);
        m.pathIds();
        m.queries();
        op.requestSchema().ifPresent(m::bodies);
        return m.cases;
    }

    private String path(Map<String, String> raw) {
        String path = op.path();
        for (String name : op.parameters("path")) {
            path = path.replace("{" + name + "}", raw.getOrDefault(name, encode(targets.pathValue(op.path(), name))));
        }
        return path;
    }

    private String validPath() {
        return path(Map.of());
    }

    private void pathIds() {
        for (String name : op.parameters("path")) {
            if (name.equals("channel")) {
                continue; // a channel's name is fuzzed by the callback cases
            }
            String good = targets.pathValue(op.path(), name);
            List<String> bad = new ArrayList<>(ODD_STRINGS.stream().filter(s -> !s.isEmpty() && s.length() < 1000)
                    .map(Mutations::encode).toList());
            bad.addAll(List.of(encode(good + "x".repeat(300)), "%2e%2e%2f%2e%2e%2fq%2fmetrics", "%c0%af", "%ff%fe",
                    "%E2%80%AE", encode(good) + "%0d%0a"));
            for (String value : bad) {
                cases.add(new Case("path " + name + "=" + value, path(Map.of(name, value)), null, null, body(), true));
            }
            // Another type's prefix: no such object — unless the client names it (a new SKU or customer is legal).
            String other = "zzz_" + good.substring(Math.min(4, good.length()));
            boolean named = name.equals("sku") || name.equals("customer_id");
            cases.add(new Case("path " + name + "=" + other, path(Map.of(name, other)), null, null, body(), !named));
        }
    }

    private void queries() {
        for (String name : op.parameters("query")) {
            List<String> values = switch (name) {
                case "limit" -> List.of("0", "-1", "101", "1e3", "abc", "9223372036854775808", "1.5");
                // An empty value is an absent one.
                default -> ODD_STRINGS.stream().filter(s -> !s.isEmpty() && s.length() < 1000).toList();
            };
            for (String value : values) {
                // An unknown subject or type filter matches nothing: legal; an odd cursor or limit is refused.
                boolean refused = name.equals("limit") || name.equals("starting_after") || value.contains("\u0000");
                cases.add(new Case("query " + name + "=" + value, validPath(), name + "=" + encode(value), null, body(),
                        refused));
            }
        }
    }

    /** The operation's well-formed body, if it has one: required fields (and every field) with plausible values. */
    private byte[] body() {
        return op.requestSchema().map(s -> bytes(example(s, "body"))).orElse(null);
    }

    private void bodies(JsonNode schema) {
        ObjectNode base = (ObjectNode) example(schema, "body");
        String path = validPath();
        String json = base.toString();
        add("empty body", path, "application/json", new byte[0], op.spec().path("requestBody").path("required").asBoolean());
        add("not JSON", path, "application/json", bytes("{\"amount\": 1,"), true);
        add("JSON array", path, "application/json", bytes("[" + json + "]"), true);
        add("JSON text", path, "application/json", bytes("\"" + json.replace("\"", "'") + "\""), true);
        add("trailing garbage", path, "application/json", bytes(json + "}"), true);
        add("text/plain", path, "text/plain", bytes(json), true);
        add("form", path, "application/x-www-form-urlencoded", bytes("a=1&b=2"), true);
        add("xml", path, "application/xml", bytes("<a>1</a>"), true);
        add("unknown field", path, "application/json", bytes(with(base, "unknown_field", NODES.textNode("x"))), true);
        add("NUL escape", path, "application/json", bytes(with(base, "unknown_\\u0000", NODES.textNode("x"))), true);
        walk(schema, base, base, "", path);
    }

    /** Mutates each field of {@code node} (a part of {@code root}) in place, one at a time. */
    private void walk(JsonNode schema, ObjectNode root, ObjectNode node, String prefix, String path) {
        JsonNode properties = PublicApi.resolve(schema).path("properties");
        List<String> required = new ArrayList<>();
        PublicApi.resolve(schema).path("required").forEach(r -> required.add(r.asText()));
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode fieldSchema = PublicApi.resolve(field.getValue());
            JsonNode good = node.get(name);
            String label = prefix + name;
            if (required.contains(name)) {
                node.remove(name);
                add("missing " + label, path, "application/json", bytes(root.toString()), true);
                node.set(name, good);
            }
            // A key given twice, with the same value: the second copy is what is wrong.
            String json = root.toString();
            String pair = JSON.valueToTree(Map.of(name, good == null ? NODES.nullNode() : good)).toString();
            String dup = pair.substring(1, pair.length() - 1);
            int at = json.indexOf(dup);
            if (at >= 0) {
                add("duplicate " + label, path, "application/json",
                        bytes(json.substring(0, at) + dup + "," + json.substring(at)), true);
            }
            String type = fieldSchema.path("type").asText();
            List<String> bad = new ArrayList<>();
            List<String> edge = new ArrayList<>();
            switch (type) {
                case "integer", "number" -> {
                    bad.addAll(BAD_INTEGERS);
                    edge.addAll(EDGE_INTEGERS);
                }
                case "string" -> {
                    bad.addAll(List.of("1", "true", "[]", "{}", "null", "\"nul\\u0000\""));
                    List<String> odd = ODD_STRINGS.stream().map(s -> JSON.valueToTree(s).toString()).toList();
                    // Ids, codes, SKUs, enums and formats have rules an odd text breaks; free text may hold it.
                    if (fieldSchema.has("enum") || fieldSchema.has("format") || fieldSchema.has("pattern")
                            || name.endsWith("id") || name.equals("sku") || name.equals("currency")) {
                        bad.addAll(odd);
                    } else {
                        edge.addAll(odd);
                    }
                }
                case "boolean" -> bad.addAll(List.of("\"true\"", "1", "null", "[]"));
                case "array" -> bad.addAll(List.of("{}", "\"x\"", "1", "[null]", "[[]]"));
                case "object" -> bad.addAll(List.of("[]", "\"x\"", "1", "{\"k\":null}", "{\"k\":{\"n\":[]}}"));
                default -> bad.addAll(List.of("[[[]]]"));
            }
            for (String value : bad) {
                node.set(name, parse(value));
                // null is how a client leaves an optional field out.
                boolean refused = required.contains(name) || !value.equals("null");
                add(label + "=" + abbreviate(value), path, "application/json", bytes(root.toString()), refused);
            }
            for (String value : edge) {
                node.set(name, parse(value));
                add(label + "=" + abbreviate(value), path, "application/json", bytes(root.toString()), false);
            }
            node.set(name, good);
            if (good instanceof ObjectNode child) {
                walk(fieldSchema, root, child, label + ".", path);
            } else if (good instanceof ArrayNode list && list.size() > 0 && list.get(0) instanceof ObjectNode item) {
                walk(fieldSchema.path("items"), root, item, label + "[0].", path);
            }
        }
    }

    private JsonNode example(JsonNode schema, String name) {
        schema = PublicApi.resolve(schema);
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return example(schema.has("oneOf") ? schema.get("oneOf").get(0) : schema.get("anyOf").get(0), name);
        }
        Object known = targets.valueFor(name);
        if (known != null) {
            return JSON.valueToTree(known);
        }
        switch (schema.path("type").asText("object")) {
            case "integer", "number":
                return NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean":
                return NODES.booleanNode(true);
            case "string":
                return NODES.textNode("date".equals(schema.path("format").asText()) ? "2020-02-29"
                        : "date-time".equals(schema.path("format").asText()) ? "2026-01-01T00:00:00Z" : "fuzz");
            case "array": {
                ArrayNode list = NODES.arrayNode();
                list.add(example(schema.path("items"), name));
                return list;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), example(p.getValue(), p.getKey())));
                return object;
            }
        }
    }

    private void add(String label, String path, String contentType, byte[] body, boolean refused) {
        cases.add(new Case(label, path, null, contentType, body, refused));
    }

    private static String with(ObjectNode base, String key, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(key, value);
        return copy.toString().replace("unknown_\\\\u0000", "unknown_\\u0000");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
    }

    private static byte[] bytes(Object text) {
        return (text instanceof JsonNode node ? node.toString() : text.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
