package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed renderings, which every other test here reads, are what kubectl renders from the overlays now
 * (deploy/k8s/render.sh writes them). Rendering needs kubectl, so that comparison is skipped where it is absent.
 */
class RenderingUpToDateTest {
    private static final Path OVERLAYS = Repository.file("deploy/k8s/overlays");

    @Test
    void eachOverlayHasARenderingAndTheTestsReadThemAll() throws IOException {
        Set<String> overlays;
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            overlays = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(overlays, new TreeSet<>(Rendering.OVERLAYS), "overlays under deploy/k8s/overlays vs those the tests read");
        overlays.forEach(overlay -> assertEquals(true, Files.isRegularFile(Rendering.file(overlay)), Rendering.file(overlay) + " is missing"));
    }

    @ParameterizedTest
    @MethodSource("dev.paysaga.e2e.kubernetes.Rendering#all")
    void theCommittedRenderingIsCurrent(Rendering rendering) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not on PATH: the renderings cannot be checked against the overlays here");
        Process render = new ProcessBuilder(kubectl.toString(), "kustomize", OVERLAYS.resolve(rendering.overlay()).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String rendered = new String(render.getInputStream().readAllBytes());
        assertEquals(true, render.waitFor(2, TimeUnit.MINUTES), "kubectl kustomize did not finish");
        assertEquals(0, render.exitValue(), "kubectl kustomize " + rendering.overlay() + " failed");
        List<String> expected = rendered.lines().toList();
        List<String> committed = Files.readString(Rendering.file(rendering.overlay())).lines().toList();
        int line = 0;
        while (line < Math.min(expected.size(), committed.size()) && expected.get(line).equals(committed.get(line))) {
            line++;
        }
        // The first difference, not two whole files, in the message.
        assertEquals(at(expected, line), at(committed, line), "deploy/k8s/rendered/" + rendering.overlay()
                + ".yaml is stale from line " + (line + 1) + ": run deploy/k8s/render.sh");
    }

    /**
     * The tests apply deploy/k8s/gateway-api to prod themselves (GatewayApiComponent): that must be what kubectl makes
     * of an overlay on top of prod that uses the component and puts it in prod's namespace.
     */
    @Test
    void theGatewayApiComponentIsAppliedAsKubectlDoes() throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not on PATH: the component's emulation cannot be checked here");
        Rendering prod = Rendering.of("prod");
        // kustomize takes only relative paths to other kustomizations: the overlay lives in the build directory.
        Path overlay = Files.createTempDirectory(Files.createDirectories(Repository.file("e2e-tests/target")), "prod-gateway");
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "namespace: " + Pods.of(prod).namespace(),
                "resources: [" + overlay.relativize(OVERLAYS.resolve("prod")) + "]",
                "components: [" + overlay.relativize(GatewayApiComponent.DIR) + "]", ""));
        Process render = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String rendered = new String(render.getInputStream().readAllBytes());
        assertEquals(true, render.waitFor(2, TimeUnit.MINUTES), "kubectl kustomize did not finish");
        assertEquals(0, render.exitValue(), "kubectl kustomize of prod with the gateway-api component failed");
        assertEquals(byId(Rendering.parse(rendered)), byId(GatewayApiComponent.applyTo(prod).objects()),
                "prod with deploy/k8s/gateway-api: kubectl's rendering vs the tests' emulation");
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(Rendering.id(o), o));
        return byId;
    }

    private static String at(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "<end of file>";
    }

    private static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
