package dev.paysaga.e2e.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A Deployment or StatefulSet of a rendering: its pods' labels, its containers and their environment. */
record Workload(JsonNode object, Rendering rendering) {

    static Stream<Workload> all(Rendering rendering) {
        return rendering.objects().stream()
                .filter(o -> List.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                .map(o -> new Workload(o, rendering));
    }

    static Optional<Workload> deployment(Rendering rendering, String name) {
        return rendering.find("Deployment", name).map(o -> new Workload(o, rendering));
    }

    String name() {
        return Rendering.name(object);
    }

    String id() {
        return rendering + " " + Rendering.id(object);
    }

    JsonNode spec() {
        return object.path("spec");
    }

    JsonNode podSpec() {
        return spec().path("template").path("spec");
    }

    Map<String, String> podLabels() {
        return Selectors.labels(spec().path("template").path("metadata").path("labels"));
    }

    List<JsonNode> containers() {
        List<JsonNode> containers = new ArrayList<>();
        podSpec().path("containers").forEach(containers::add);
        return containers;
    }

    /** The container named like the workload (the service's own), else the first. */
    JsonNode mainContainer() {
        return containers().stream().filter(c -> name().equals(c.path("name").asText())).findFirst()
                .orElse(containers().isEmpty() ? MissingNode.getInstance() : containers().get(0));
    }

    /**
     * The container's environment by name: each entry is a literal value, a reference (valueFrom) or, for
     * variables from an envFrom ConfigMap of the rendering, that ConfigMap's value. Later entries win, as in
     * Kubernetes (env over envFrom).
     */
    Map<String, EnvVar> environment(JsonNode container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            JsonNode ref = from.path("configMapRef");
            if (!ref.isMissingNode()) {
                rendering.find("ConfigMap", ref.path("name").asText()).ifPresent(cm -> cm.path("data").fields()
                        .forEachRemaining(e -> env.put(prefix + e.getKey(),
                                new EnvVar(prefix + e.getKey(), Optional.of(e.getValue().asText()), Optional.empty()))));
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            JsonNode valueFrom = var.path("valueFrom");
            env.put(name, new EnvVar(name, var.has("value") ? Optional.of(var.path("value").asText()) : Optional.empty(),
                    valueFrom.isMissingNode() ? Optional.empty() : Optional.of(valueFrom)));
        }
        return env;
    }

    /** One variable: its literal value if known, or the source it is read from. */
    record EnvVar(String name, Optional<String> value, Optional<JsonNode> valueFrom) {
        Optional<String> secretName() {
            return valueFrom.map(v -> v.path("secretKeyRef").path("name").asText(null));
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
