package dev.paysaga.e2e.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy/k8s/gateway-api, the Kustomize component an overlay adds to route the public API through the Gateway API:
 * its resources and what its patches delete, applied to a committed rendering without kubectl (the component uses
 * only resources and `$patch: delete` patches, which is all this understands; RenderingUpToDateTest compares the
 * result with kubectl's where kubectl exists).
 */
final class GatewayApiComponent {
    static final Path DIR = Repository.file("deploy/k8s/gateway-api");

    private GatewayApiComponent() {
    }

    /** The component's own objects, as written (no namespace). */
    static List<ObjectNode> resources() throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization().path("resources")) {
            objects.addAll(Rendering.parse(Files.readString(DIR.resolve(resource.asText()))));
        }
        return objects;
    }

    /** {@code rendering} with the component applied, as {@code kubectl kustomize} of an overlay using it would render. */
    static Rendering applyTo(Rendering rendering) throws IOException {
        List<ObjectNode> objects = new ArrayList<>(rendering.objects());
        for (JsonNode patch : kustomization().path("patches")) {
            JsonNode body = Rendering.parse(patch.path("patch").asText()).get(0);
            if (!body.path("$patch").asText().equals("delete")) {
                throw new IllegalStateException("the component has a patch this emulation does not apply: " + patch);
            }
            JsonNode target = patch.path("target");
            objects.removeIf(o -> o.path("kind").asText().equals(target.path("kind").asText())
                    && (!target.has("name") || Rendering.name(o).equals(target.path("name").asText())));
        }
        String namespace = Pods.of(rendering).namespace();
        for (ObjectNode object : resources()) {
            ((ObjectNode) object.path("metadata")).put("namespace", namespace);
            objects.add(object);
        }
        return new Rendering(rendering.overlay() + "+gateway-api", objects);
    }

    private static JsonNode kustomization() throws IOException {
        return Rendering.YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
    }
}
