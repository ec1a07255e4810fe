package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every object of every committed rendering is one Kubernetes 1.32 accepts (built-in kinds) or its operator's
 * CRD accepts (custom resources), with unknown fields, wrong types and missing required fields as errors.
 */
class RenderedObjectsValidTest {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

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

    /**
     * What the API server checks beyond the schema for every object: names (a DNS label for Services and the
     * workloads whose names become pod host names, a DNS subdomain otherwise) and label keys and values.
     */
    @ParameterizedTest
    @MethodSource("renderings")
    void namesAndLabelsAreOnesTheApiServerAccepts(Rendering rendering) {
        assertAll(rendering.objects().stream().map(object -> () -> {
            String name = Rendering.name(object);
            boolean label = List.of("Service", "Namespace").contains(object.path("kind").asText());
            assertTrue(label ? DNS_LABEL.matcher(name).matches() : isSubdomain(name),
                    rendering + " " + Rendering.id(object) + ": not a valid name");
            object.path("metadata").path("labels").fields().forEachRemaining(e -> {
                assertTrue(isLabelKey(e.getKey()), rendering + " " + Rendering.id(object) + ": label key " + e.getKey());
                assertTrue(LABEL_VALUE.matcher(e.getValue().asText()).matches(), rendering + " " + Rendering.id(object) + ": label value " + e.getValue());
            });
        }));
    }

    private static boolean isSubdomain(String name) {
        return name.length() <= 253 && Arrays.stream(name.split("\\.", -1)).allMatch(part -> DNS_LABEL.matcher(part).matches());
    }

    private static boolean isLabelKey(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? LABEL_NAME.matcher(key).matches()
                : isSubdomain(key.substring(0, slash)) && LABEL_NAME.matcher(key.substring(slash + 1)).matches();
    }

    static List<String> problems(JsonNode object) {
        return CrdSchemas.isCustom(object) ? CrdSchemas.validate(object) : KubernetesSchemas.validate(object);
    }
}
