package dev.paysaga.runtime.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.runtime.testing.OpenApiOperations;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the test application's OpenAPI document says of ProbeResource's operations, one of each kind
 * (the same ones AuthenticationTest calls): who may call each, and the refusals each can answer.
 */
@QuarkusTest
class AccessDocumentationTest {
    @ParameterizedTest(name = "{0} {1}: {2}, {3}, problems {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # method | path               | security scheme    | scope (x-required-scope, or platform) | problem responses
            get      | /v1/probe/orders   | api_key            | orders:read                           | 400 401 403 404 429
            post     | /v1/probe/orders   | api_key            | orders:write                          | 400 401 403 404 429
            post     | /v1/probe/keyed    | api_key            | orders:write                          | 400 401 403 404 409 422 429
            post     | /v1/probe/platform | api_key            | platform                              | 400 401 403 404 429
            post     | /internal/v1/probe | service_credential | -                                     | 400 401 404
            """)
    void securedOperationsNameTheirCredentialScopeAndProblems(String method, String path, String scheme, String scope,
            String problems) {
        JsonNode document = OpenApiOperations.document();
        JsonNode operation = operation(document, method, path);

        assertEquals("[{\"" + scheme + "\":[]}]", operation.path("security").toString());
        assertTrue(document.at("/components/securitySchemes").has(scheme), scheme + " is declared");
        assertEquals(scope.equals("-") || scope.equals("platform") ? "" : scope,
                operation.path(AccessDocumentationFilter.REQUIRED_SCOPE).asText());
        assertEquals(scope.equals("platform"), operation.path(AccessDocumentationFilter.PLATFORM_OPERATION).asBoolean());
        List<String> documented = new ArrayList<>();
        operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getValue().at("/content/application~1problem+json/schema/$ref").asText()
                    .equals("#/components/schemas/Problem")) {
                documented.add(response.getKey());
            }
        });
        assertEquals(List.of(problems.split(" ")), documented);
    }

    @Test
    void aPublicEndpointTakesNoCredentialAndSaysWhatProvesItsCaller() {
        JsonNode operation = operation(OpenApiOperations.document(), "post", "/callbacks/probe");

        assertTrue(operation.path("security").isArray(), "security: [] is stated, not left out");
        assertEquals(0, operation.path("security").size());
        assertTrue(operation.path("description").asText().contains("tests: no credential"), operation.toString());
        assertFalse(operation.path("responses").has("401"));
    }

    @Test
    void theProblemSchemaIsTheProblemRecordAndNoOperationHasAJavaNameAsId() {
        JsonNode document = OpenApiOperations.document();
        List<String> fields = new ArrayList<>();
        document.at("/components/schemas/Problem/properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("code", "detail", "param", "status", "title", "type"), fields.stream().sorted().toList());
        assertFalse(document.toString().contains("operationId"), "operation ids are dropped");
    }

    private static JsonNode operation(JsonNode document, String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertTrue(operation.isObject(), method + " " + path + " is documented");
        return operation;
    }
}
