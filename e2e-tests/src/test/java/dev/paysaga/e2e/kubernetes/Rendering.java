package dev.paysaga.e2e.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** One overlay's committed rendering, deploy/k8s/rendered/{overlay}.yaml: the objects {@code kubectl apply -k} would send. */
record Rendering(String overlay, List<ObjectNode> objects) {
    static final List<String> OVERLAYS = List.of("dev", "prod");
    /** Like kubectl's strict decoding, a field given twice is an error, not "the last one wins". */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static Path file(String overlay) {
        return Repository.file("deploy/k8s/rendered/" + overlay + ".yaml");
    }

    static Rendering of(String overlay) {
        try {
            return new Rendering(overlay, parse(Files.readString(file(overlay))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Rendering> all() {
        return OVERLAYS.stream().map(Rendering::of);
    }

    /** The documents of a multi-document YAML stream, each of which must be an object. */
    static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException("not a Kubernetes object: " + doc);
                }
                objects.add((ObjectNode) doc);
            }
        }
        return objects;
    }

    /** channel-sandbox fakes the payment channels: dev runs it, prod talks to the real channels. */
    static final String SANDBOX = "channel-sandbox";

    /** The services of deploy/services.txt this overlay runs. */
    List<Repository.Service> services() {
        return Repository.services().stream().filter(s -> !s.name().equals(SANDBOX) || overlay.equals("dev")).toList();
    }

    boolean isProd() {
        return overlay.equals("prod");
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** "Kind/name", how kubectl names an object in its messages. */
    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }

    @Override
    public String toString() {
        return overlay;
    }
}
