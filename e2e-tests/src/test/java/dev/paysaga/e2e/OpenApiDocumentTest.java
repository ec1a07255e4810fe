package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json (served by the gateway at /openapi.json) is exactly what this build's services
 * document: it fails when a change to an endpoint was not carried into it. Needs the services packaged,
 * not running.
 */
class OpenApiDocumentTest {
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
