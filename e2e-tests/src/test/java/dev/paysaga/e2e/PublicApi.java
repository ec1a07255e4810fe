package dev.paysaga.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public API as a client generated from the gateway's {@code /openapi.json} sees it: its operations,
 * their parameters and schemas. Tests that walk every operation take them from here, so an endpoint added
 * to a service cannot be left out of them.
 */
public final class PublicApi {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static JsonNode document;

    private PublicApi() {
    }

    /** One operation of the document. */
    public record Operation(String method, String path, JsonNode spec) {
        /** {@code POST /v1/orders/{id}/pay}: how the tests name it. */
        public String key() {
            return method.toUpperCase() + " " + path;
        }

        /** Public operations declare an empty security requirement: they prove their caller otherwise. */
        public boolean isPublic() {
            return spec.has("security") && spec.get("security").isEmpty();
        }

        /** The path with every {@code {param}} replaced by its value in {@code params}, or by {@code fallback}. */
        String url(Map<String, String> params, String fallback) {
            String url = path;
            for (String name : parameters("path")) {
                url = url.replace("{" + name + "}", params.getOrDefault(name, fallback));
            }
            return Suite.GATEWAY + url;
        }

        public List<String> parameters(String in) {
            List<String> names = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (in.equals(p.path("in").asText())) {
                    names.add(p.path("name").asText());
                }
            });
            return names;
        }

        public Optional<JsonNode> requestSchema() {
            return Optional.ofNullable(spec.at("/requestBody/content/application~1json/schema"))
                    .filter(s -> !s.isMissingNode()).map(PublicApi::resolve);
        }

        /** The documented success statuses (2xx). */
        List<Integer> successStatuses() {
            List<Integer> statuses = new ArrayList<>();
            spec.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    statuses.add(Integer.parseInt(code));
                }
            });
            return statuses;
        }

        /** The documented JSON body of a {@code status} answer, if any. */
        Optional<JsonNode> responseSchema(int status) {
            JsonNode schema = spec.path("responses").path(String.valueOf(status)).path("content")
                    .path("application/json").path("schema");
            return schema.isMissingNode() || schema.isEmpty() ? Optional.empty() : Optional.of(resolve(schema));
        }
    }

    static synchronized JsonNode document() {
        if (document == null) {
            document = Bench.JSON.valueToTree(RestAssured.get(Suite.GATEWAY + "/openapi.json").then().statusCode(200)
                    .extract().jsonPath().getMap(""));
        }
        return document;
    }

    public static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
                }
            });
        }
        return operations;
    }

    /** {@code schema} with a top-level {@code $ref} followed (nested ones are resolved as they are walked). */
    public static JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith(SCHEMA_REF)) {
                throw new IllegalStateException("unsupported reference " + ref);
            }
            schema = document().path("components").path("schemas").path(ref.substring(SCHEMA_REF.length()));
        }
        return schema;
    }
}
