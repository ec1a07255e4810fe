package dev.paysaga.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public API in one OpenAPI document: each service's own document (written at build time to
 * {@code <service>/target/openapi/openapi.json}), only the paths deploy/routes.txt sends to that
 * service, and the schemas they use. Two services' schemas of one name stay one schema when they are
 * equal; otherwise each becomes {@code <Service><Name>} (e.g. {@code LedgerServiceRefundView}), its
 * references rewritten, so no operation silently describes another service's type. Security schemes come
 * along only when a routed operation names them.
 */
final class OpenApiAggregate {
    static final Path COMMITTED = Suite.ROOT.resolve("docs/openapi.json");
    static final String REGENERATE = "mvn -B -ntp verify -pl e2e-tests -am -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dpaysaga.openapi.write=true";
    private static final String SCHEMA_REF = "#/components/schemas/";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiAggregate() {
    }

    /** The aggregate of the documents this build's services stored. */
    static String render() throws IOException {
        Map<String, JsonNode> documents = new TreeMap<>();
        for (String service : new TreeSet<>(Routes.PREFIXES.values())) {
            Path document = Suite.ROOT.resolve(service + "/target/openapi/openapi.json");
            if (!Files.exists(document)) {
                throw new IllegalStateException(document + " missing: build the services first (mvn -DskipTests package)");
            }
            documents.put(service, JSON.readTree(document.toFile()));
        }
        return JSON.writeValueAsString(merge(documents)) + "\n";
    }

    /** service name → its own document, merged into one. */
    static JsonNode merge(Map<String, JsonNode> documents) {
        Map<String, Service> services = new TreeMap<>();
        documents.forEach((name, document) -> services.put(name, new Service(name, document)));
        // A name two services use for different schemas gets each service's prefix.
        Map<String, Set<JsonNode>> variants = new HashMap<>();
        services.values().forEach(s -> s.schemas.forEach((name, schema) -> variants.computeIfAbsent(name, n -> new HashSet<>()).add(schema)));

        ObjectNode doc = JSON.createObjectNode();
        JsonNode first = services.values().iterator().next().document;
        doc.set("openapi", first.get("openapi"));
        doc.putObject("info").put("title", "PaySaga API").put("version", "v1")
                .put("description", "Every public operation of PaySaga, as the gateway routes them (deploy/routes.txt). "
                        + "Reference: docs/api.md.");
        doc.putArray("servers").addObject().put("url", "http://127.0.0.1:8080").put("description", "the local gateway");
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        Map<String, JsonNode> securitySchemes = new TreeMap<>();
        for (Service service : services.values()) {
            Map<String, String> renames = new HashMap<>();
            service.schemas.keySet().stream().filter(name -> variants.get(name).size() > 1)
                    .forEach(name -> renames.put(name, pascal(service.name) + name));
            service.paths.forEach((path, item) -> paths.put(path, renamed(item, renames)));
            service.schemas.forEach((name, schema) -> schemas.put(renames.getOrDefault(name, name), renamed(schema, renames)));
            service.document.path("tags").forEach(tag -> tags.put(tag.path("name").asText(), tag));
            service.document.path("components").path("securitySchemes").fields().forEachRemaining(scheme -> {
                if (!service.securitySchemes.contains(scheme.getKey())) {
                    return;
                }
                JsonNode before = securitySchemes.putIfAbsent(scheme.getKey(), scheme.getValue());
                if (before != null && !before.equals(scheme.getValue())) {
                    throw new IllegalStateException("security scheme " + scheme.getKey() + " differs between services");
                }
            });
        }
        if (!tags.isEmpty()) {
            doc.putArray("tags").addAll(tags.values());
        }
        doc.set("paths", JSON.valueToTree(paths));
        ObjectNode components = doc.putObject("components");
        components.set("schemas", JSON.valueToTree(schemas));
        if (!securitySchemes.isEmpty()) {
            components.set("securitySchemes", JSON.valueToTree(securitySchemes));
        }
        return doc;
    }

    /** One service's routed paths, the schemas they reach and the security schemes they name. */
    private static final class Service {
        final String name;
        final JsonNode document;
        final Map<String, JsonNode> paths = new TreeMap<>();
        final Map<String, JsonNode> schemas = new TreeMap<>();
        /** Not every scheme of the service: /internal's service credential is no part of the public API. */
        final Set<String> securitySchemes = new TreeSet<>();

        Service(String name, JsonNode document) {
            this.name = name;
            this.document = document;
            document.path("paths").fields().forEachRemaining(path -> {
                if (Routes.serviceOf(path.getKey()).filter(name::equals).isPresent()) {
                    paths.put(path.getKey(), path.getValue());
                }
            });
            paths.values().forEach(item -> item.forEach(operation -> operation.path("security")
                    .forEach(requirement -> requirement.fieldNames().forEachRemaining(securitySchemes::add))));
            JsonNode all = document.path("components").path("schemas");
            Deque<JsonNode> pending = new ArrayDeque<>(paths.values());
            while (!pending.isEmpty()) {
                for (String ref : refs(pending.pop())) {
                    if (!schemas.containsKey(ref)) {
                        if (!all.has(ref)) {
                            throw new IllegalStateException(name + " refers to schema " + ref + ", which its document lacks");
                        }
                        schemas.put(ref, all.get(ref));
                        pending.push(all.get(ref));
                    }
                }
            }
        }
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> refs = new TreeSet<>();
        node.findValues("$ref").forEach(ref -> {
            if (ref.asText().startsWith(SCHEMA_REF)) {
                refs.add(ref.asText().substring(SCHEMA_REF.length()));
            }
        });
        return refs;
    }

    private static JsonNode renamed(JsonNode node, Map<String, String> renames) {
        JsonNode copy = node.deepCopy();
        if (!renames.isEmpty()) {
            rename(copy, renames);
        }
        return copy;
    }

    private static void rename(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object && object.path("$ref").asText().startsWith(SCHEMA_REF)) {
            String name = object.get("$ref").asText().substring(SCHEMA_REF.length());
            object.set("$ref", TextNode.valueOf(SCHEMA_REF + renames.getOrDefault(name, name)));
        }
        node.forEach(child -> rename(child, renames));
    }

    /** {@code ledger-service} → {@code LedgerService}. */
    private static String pascal(String service) {
        StringBuilder out = new StringBuilder();
        for (String word : service.split("-")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
