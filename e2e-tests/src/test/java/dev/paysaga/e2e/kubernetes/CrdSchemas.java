package dev.paysaga.e2e.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * Custom resources checked against the openAPIV3Schema of the CRDs their operators install, vendored under
 * src/test/resources/kubernetes/crds (versions and sources in the README there). The schemas are validated
 * the way the API server does with strict field validation: where a schema lists properties and neither
 * preserves unknown fields nor allows additional properties, an unknown field is an error. CEL rules
 * (x-kubernetes-validations) are not evaluated.
 */
final class CrdSchemas {
    private static final String CRDS = "/kubernetes/crds";
    /** The keywords that remain once nullable and the x-kubernetes-* extensions are translated. */
    private static final Set<String> DRAFT4_KEYWORDS = Set.of("type", "format", "enum", "default",
            "required", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties");
    private static final JsonSchemaFactory DRAFT4 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    /** "group/version Kind" → its schema. */
    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    /** Whether the object's API group is one of the vendored CRDs' (then it is not a built-in kind). */
    static boolean isCustom(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return SCHEMAS.keySet().stream().anyMatch(key -> key.startsWith(group + "/"));
    }

    /** The problems of one custom resource; empty when its CRD's schema accepts it. */
    static List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = SCHEMAS.get(key);
        if (schema == null) {
            return List.of("no CRD schema for " + key + " (vendored: " + SCHEMAS.keySet() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            problems.add(message.getMessage());
        }
        // The API server validates metadata itself, as ObjectMeta, whatever the CRD says.
        problems.addAll(KubernetesSchemas.validate(V1ObjectMeta.class, object.path("metadata"), ".metadata"));
        if (object.path("metadata").path("name").asText().isEmpty()) {
            problems.add(".metadata.name: missing");
        }
        return problems;
    }

    private static Map<String, JsonSchema> load() {
        Map<String, JsonSchema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(CrdSchemas.class.getResource(CRDS).toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = Rendering.YAML.readTree(file.toFile());
                JsonNode spec = crd.path("spec");
                for (JsonNode version : spec.path("versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    ObjectNode schema = strict(version.path("schema").path("openAPIV3Schema"), true);
                    // Checked as ObjectMeta instead (see validate); a CRD may not constrain it beyond name.
                    ((ObjectNode) schema.withObjectProperty("properties")).putObject("metadata").put("type", "object");
                    schemas.put(spec.path("group").asText() + "/" + version.path("name").asText() + " "
                            + spec.path("names").path("kind").asText(), DRAFT4.getSchema(schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return schemas;
    }

    /**
     * A CRD's structural schema as a JSON Schema (draft 4, which OpenAPI 3.0's schema object follows) with
     * Kubernetes' extensions spelt out. {@code structural} is false inside anyOf/oneOf/allOf/not, which only
     * constrain values and so must not forbid fields the structural schema declares.
     */
    static ObjectNode strict(JsonNode source, boolean structural) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            switch (keyword) {
                case "properties", "patternProperties" -> {
                    ObjectNode properties = schema.putObject(keyword);
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), strict(p.getValue(), structural)));
                }
                case "items", "additionalProperties" ->
                    schema.set(keyword, value.isObject() ? strict(value, structural) : value);
                case "anyOf", "oneOf", "allOf" -> {
                    var branches = schema.putArray(keyword);
                    value.forEach(branch -> branches.add(strict(branch, false)));
                }
                case "not" -> schema.set(keyword, strict(value, false));
                default -> {
                    if (DRAFT4_KEYWORDS.contains(keyword)) {
                        schema.set(keyword, value);
                    } // else an annotation (example) or a Kubernetes extension, spelt out below
                }
            }
        }
        if (source.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.putArray("type").add("integer").add("string");
        }
        if (source.path("nullable").asBoolean() && schema.path("type").isTextual()) {
            String type = schema.path("type").asText();
            schema.putArray("type").add(type).add("null");
        }
        if (source.path("x-kubernetes-embedded-resource").asBoolean()) {
            ObjectNode properties = schema.withObjectProperty("properties");
            for (String field : List.of("apiVersion", "kind")) {
                if (!properties.has(field)) {
                    properties.putObject(field).put("type", "string");
                }
            }
            if (!properties.has("metadata")) {
                properties.putObject("metadata").put("type", "object");
            }
        }
        boolean object = "object".equals(source.path("type").asText()) || source.has("properties");
        if (structural && object && !source.has("additionalProperties")
                && !source.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }
}
