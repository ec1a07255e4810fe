package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every object of every committed rendering is one Kubernetes 1.32 accepts (built-in kinds) or its operator's
 * CRD accepts (custom resources), with unknown fields, wrong types and missing required fields as errors.
 */
class RenderedObjectsValidTest {

    static List<Rendering> renderings() {
        return Rendering.all().toList();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyObjectMatchesItsSchema(Rendering rendering) {
        assertFalse(rendering.objects().isEmpty(), rendering + " renders nothing");
        assertAll(rendering.objects().stream().map(object -> () -> {
            List<String> problems = problems(object);
            assertTrue(problems.isEmpty(), rendering + " " + Rendering.id(object) + ": " + String.join("; ", problems));
        }));
    }

    static List<String> problems(JsonNode object) {
        return CrdSchemas.isCustom(object) ? CrdSchemas.validate(object) : KubernetesSchemas.validate(object);
    }
}
