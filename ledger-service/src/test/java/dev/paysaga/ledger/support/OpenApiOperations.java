package dev.paysaga.ledger.support;

import static dev.paysaga.runtime.testing.Api.anonymous;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every operation the service itself documents in {@code /q/openapi}, as {@code "GET /v1/accounts/{id}"}:
 * tests iterate these, so an endpoint added later cannot be left out of them.
 */
public final class OpenApiOperations {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiOperations() {
    }

    public static Set<String> all() {
        Map<String, Map<String, Object>> paths = anonymous().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** The operation's path with every {@code {parameter}} replaced by {@code value}. */
    public static String path(String operation, String value) {
        return operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", value);
    }

    public static String method(String operation) {
        return operation.substring(0, operation.indexOf(' '));
    }
}
