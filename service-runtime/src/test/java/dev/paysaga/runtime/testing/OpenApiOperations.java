package dev.paysaga.runtime.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every operation the service under test documents in its own {@code /q/openapi}, as
 * {@code "GET /v1/accounts/{id}"}: tests iterate these, so an endpoint added later cannot be left out of them.
 */
public final class OpenApiOperations {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiOperations() {
    }

    /** The service's own OpenAPI document. */
    public static JsonNode document() {
        String body = Api.anonymous().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("/q/openapi is not JSON", e);
        }
    }

    /** In {@code "METHOD /path"} order. */
    public static SortedSet<String> all() {
        SortedSet<String> operations = new TreeSet<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The scope a merchant key needs for the operation ({@code x-required-scope}); null for a platform operation. */
    public static String scope(JsonNode document, String operation) {
        JsonNode scope = document.path("paths").path(path(operation)).path(method(operation).toLowerCase())
                .path("x-required-scope");
        return scope.isTextual() ? scope.asText() : null;
    }

    public static String method(String operation) {
        return operation.substring(0, operation.indexOf(' '));
    }

    /** The operation's path template, e.g. {@code /v1/accounts/{id}}. */
    public static String path(String operation) {
        return operation.substring(operation.indexOf(' ') + 1);
    }

    /** The operation's path with every {@code {parameter}} replaced by {@code value}. */
    public static String path(String operation, String value) {
        return path(operation).replaceAll("\\{[^}]+}", value);
    }
}
