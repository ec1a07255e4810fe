package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json (served by the gateway at /openapi.json) is exactly what this build's services
 * document: it fails when a change to an endpoint was not carried into it. And it tells a client what it
 * needs: the credential, the success answer's body, the problem+json refusals. Needs the services
 * packaged, not running.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    /** The operations that take no credential ({@code @PublicEndpoint}): each proves its caller otherwise. */
    private static final Set<String> PUBLIC = Set.of("POST /callbacks/{channel}", "GET /v1/payments/{id}/stream");
    /** The refusals every operation that takes a credential can answer (docs/api.md, Errors). */
    private static final List<String> PROBLEMS = List.of("400", "401", "403", "404", "429");

    @Test
    void committedDocumentIsWhatTheServicesDocument() throws Exception {
        String built = OpenApiAggregate.render();
        if (Boolean.getBoolean("paysaga.openapi.write")) {
            Files.writeString(OpenApiAggregate.COMMITTED, built);
        }
        String committed = Files.exists(OpenApiAggregate.COMMITTED) ? Files.readString(OpenApiAggregate.COMMITTED) : "";
        assertEquals(built, committed, "docs/openapi.json differs from what the services document; regenerate it with:\n  "
                + OpenApiAggregate.REGENERATE + "\n");
    }

    @Test
    void onlyRoutedPathsAndSnakeCaseFields() throws Exception {
        JsonNode doc = OpenApiAggregate.JSON.readTree(OpenApiAggregate.render());
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertFalse(paths.isEmpty());
        for (String path : paths) {
            assertTrue(Routes.serviceOf(path).isPresent(), path + " is not in deploy/routes.txt");
        }
        assertTrue(paths.contains("/v1/orders/{id}/pay") && paths.contains("/v1/inventory/{sku}"), paths.toString());
        List<String> camel = new ArrayList<>();
        doc.path("components").path("schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fieldNames().forEachRemaining(field -> {
                    if (!field.matches("[a-z0-9_]+")) {
                        camel.add(schema.getKey() + "." + field);
                    }
                }));
        assertEquals(List.of(), camel, "fields the API does not read or write under these names");
        assertEquals("bearer", doc.at("/components/securitySchemes/api_key/scheme").asText());
    }

    @Test
    void everyOperationSaysWhoMayCallItWhatItAnswersAndHowItRefuses() throws Exception {
        JsonNode doc = OpenApiAggregate.JSON.readTree(OpenApiAggregate.COMMITTED.toFile());
        assertTrue(doc.at("/components/securitySchemes").has("api_key") && doc.at("/components/schemas").has("Problem"),
                "the api_key scheme and the Problem schema are declared");
        List<String> wrong = new ArrayList<>();
        Set<String> operations = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                String operation = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(operation);
                wrong.addAll(unsaid(operation, method.getValue()));
            }
        }));
        assertTrue(operations.containsAll(PUBLIC), "the public endpoints are documented: " + operations);
        assertEquals(List.of(), wrong);
    }

    /** What the operation's documentation fails to say, each as "<operation>: <what it should say>". */
    private static List<String> unsaid(String operation, JsonNode op) {
        List<String> unsaid = new ArrayList<>();
        if (PUBLIC.contains(operation)) {
            if (!op.path("security").isArray() || !op.path("security").isEmpty()) {
                unsaid.add(operation + ": a public endpoint states security: []");
            }
        } else {
            if (!op.path("security").toString().equals("[{\"api_key\":[]}]")) {
                unsaid.add(operation + ": requires api_key, not " + op.path("security"));
            }
            if (!op.path("x-required-scope").asText().matches("[a-z_]+:(read|write)")
                    && !op.path("x-platform-operation").asBoolean()) {
                unsaid.add(operation + ": names its scope (x-required-scope) or is a platform operation");
            }
            for (String status : PROBLEMS) {
                if (!op.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asText()
                        .equals("#/components/schemas/Problem")) {
                    unsaid.add(operation + ": documents its " + status + " as a Problem");
                }
            }
        }
        List<String> successes = new ArrayList<>();
        op.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2") && response.getValue().path("content").findValue("schema") != null) {
                successes.add(response.getKey());
            }
        });
        if (successes.isEmpty()) {
            unsaid.add(operation + ": documents a 2xx response with its body's schema");
        }
        return unsaid;
    }

    @Test
    void onlyTheSecuritySchemesOfRoutedOperationsComeAlong() throws Exception {
        JsonNode payments = OpenApiAggregate.JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/v1/payments/{id}":{"get":{"security":[{"api_key":[]}]}},
                  "/internal/v1/secrets":{"get":{"security":[{"service_credential":[]}]}}},
                 "components":{"securitySchemes":{"api_key":{"type":"http","scheme":"bearer"},
                  "service_credential":{"type":"http","scheme":"bearer"}}}}""");

        JsonNode merged = OpenApiAggregate.merge(Map.of("payment-service", payments));

        List<String> schemes = new ArrayList<>();
        merged.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        assertEquals(List.of("api_key"), schemes);
    }

    @Test
    void equalSchemasStayOneAndDifferentOnesOfOneNameArePrefixedWithTheirService() throws Exception {
        JsonNode orders = OpenApiAggregate.JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/v1/orders/{id}":{"get":{"responses":{"200":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/View"}}}}}}}},
                 "components":{"schemas":{"View":{"properties":{"at":{"$ref":"#/components/schemas/Instant"}}},
                  "Instant":{"type":"string"}}}}""");
        JsonNode ledger = OpenApiAggregate.JSON.readTree("""
                {"openapi":"3.1.0","paths":{"/v1/accounts/{id}":{"get":{"responses":{"200":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/View"}}}}}}},
                  "/internal/v1/secrets":{"get":{"responses":{"200":{"content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Secret"}}}}}}}},
                 "components":{"schemas":{"View":{"properties":{"balance":{"type":"integer"}}},
                  "Instant":{"type":"string"},"Secret":{"type":"string"}}}}""");

        JsonNode merged = OpenApiAggregate.merge(Map.of("order-service", orders, "ledger-service", ledger));

        List<String> schemas = new ArrayList<>();
        merged.at("/components/schemas").fieldNames().forEachRemaining(schemas::add);
        assertEquals(List.of("Instant", "LedgerServiceView", "OrderServiceView"), schemas);
        String ref = "/get/responses/200/content/application~1json/schema/$ref";
        assertEquals("#/components/schemas/OrderServiceView", merged.get("paths").get("/v1/orders/{id}").at(ref).asText());
        assertEquals("#/components/schemas/LedgerServiceView", merged.get("paths").get("/v1/accounts/{id}").at(ref).asText());
        assertEquals("#/components/schemas/Instant",
                merged.at("/components/schemas/OrderServiceView/properties/at/$ref").asText());
        assertFalse(merged.get("paths").has("/internal/v1/secrets"));
    }
}
