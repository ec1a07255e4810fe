package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Each service's Deployment: there, probed on its health endpoints, locked down, and in prod redundant and pinned. */
class WorkloadsTest {
    private static final String RENDERINGS = "dev.paysaga.e2e.kubernetes.Rendering#all";

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void eachServiceOfTheListHasADeploymentAndNothingElseDoes(Rendering rendering) {
        Set<String> expected = rendering.services().stream().map(Repository.Service::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> deployed = rendering.ofKind("Deployment").map(Rendering::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, deployed, rendering + ": Deployments vs deploy/services.txt"
                + (rendering.isProd() ? " (without " + Rendering.SANDBOX + ")" : ""));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void probesAskTheHealthEndpointsOnTheServicePort(Rendering rendering) {
        assertAll(rendering.services().stream().map(s -> () -> {
            Workload w = Workload.deployment(rendering, s.name()).orElseThrow(() -> new AssertionError(rendering + " lacks " + s.name()));
            JsonNode container = w.mainContainer();
            JsonNode port = httpPort(container);
            assertEquals(s.port(), port.path("containerPort").asInt(), w + ": container port 'http' vs deploy/services.txt");
            assertProbe(w, container, "livenessProbe", "/q/health/live", port);
            assertProbe(w, container, "readinessProbe", "/q/health/ready", port);
            assertProbe(w, container, "startupProbe", "/q/health/started", port);

            JsonNode service = rendering.find("Service", s.name()).orElseThrow(() -> new AssertionError(rendering + " lacks Service/" + s.name()));
            assertEquals(1, service.path("spec").path("ports").size(), rendering + " Service/" + s.name() + " has one port");
            JsonNode servicePort = service.path("spec").path("ports").get(0);
            // Callers use http://<service>:<port of deploy/services.txt>, as locally.
            assertEquals(s.port(), servicePort.path("port").asInt(), rendering + " Service/" + s.name() + " port");
            String target = servicePort.path("targetPort").asText(servicePort.path("port").asText());
            assertTrue(target.equals(port.path("name").asText()) || target.equals(port.path("containerPort").asText()),
                    rendering + " Service/" + s.name() + " targets " + target + ", not the container's http port");
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void podsRunLockedDown(Rendering rendering) {
        assertAll(Workload.all(rendering).map(w -> () -> {
            JsonNode pod = w.podSpec();
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), w + ": automountServiceAccountToken should be false");
            assertFalse(pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean() || pod.path("hostIPC").asBoolean(),
                    w + " shares a host namespace");
            for (JsonNode c : w.containers()) {
                JsonNode sc = c.path("securityContext");
                String name = w + " container " + c.path("name").asText();
                assertTrue(sc.path("runAsNonRoot").asBoolean(pod.path("securityContext").path("runAsNonRoot").asBoolean()),
                        name + ": runAsNonRoot");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name + ": readOnlyRootFilesystem");
                assertEquals("false", sc.path("allowPrivilegeEscalation").asText(), name + ": allowPrivilegeEscalation");
                assertFalse(sc.path("privileged").asBoolean(), name + ": privileged");
                assertTrue(sc.path("capabilities").path("drop").toString().contains("\"ALL\""), name + ": drops ALL capabilities");
            }
        }));
    }

    /** Requests let the scheduler and the HPA work; a memory limit keeps one pod from starving the node. */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void everyContainerRequestsCpuAndMemoryAndLimitsMemory(Rendering rendering) {
        assertAll(Workload.all(rendering).flatMap(w -> w.containers().stream().map(c -> () -> {
            JsonNode resources = c.path("resources");
            String name = w + " container " + c.path("name").asText();
            assertTrue(resources.path("requests").has("cpu") && resources.path("requests").has("memory"), name + " requests no cpu or memory");
            assertTrue(resources.path("limits").has("memory"), name + " has no memory limit");
        })));
    }

    /**
     * On SIGTERM a pod first keeps serving while endpoints are withdrawn (preStop), then Quarkus lets requests
     * finish (QUARKUS_SHUTDOWN_TIMEOUT): both must fit in terminationGracePeriodSeconds or the kubelet kills it midway.
     */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void gracefulShutdownFitsTheGracePeriod(Rendering rendering) {
        assertAll(rendering.services().stream().map(s -> () -> {
            Workload w = Workload.deployment(rendering, s.name()).orElseThrow();
            JsonNode container = w.mainContainer();
            long preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asLong(0);
            String timeout = Optional.ofNullable(w.environment(container).get("QUARKUS_SHUTDOWN_TIMEOUT"))
                    .flatMap(Workload.EnvVar::value).orElse(null);
            assertTrue(timeout != null, w + ": QUARKUS_SHUTDOWN_TIMEOUT is not set, so Quarkus does not wait for requests in flight");
            long shutdown = Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
            long grace = w.podSpec().path("terminationGracePeriodSeconds").asLong(30);
            assertTrue(preStop + shutdown < grace, w + ": preStop " + preStop + " s + shutdown " + shutdown + " s do not fit in "
                    + grace + " s of grace");
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void noSecretCarriesValues(Rendering rendering) {
        assertAll(rendering.ofKind("Secret").map(secret -> () -> assertTrue(
                secret.path("data").isEmpty() && secret.path("stringData").isEmpty(),
                rendering + " " + Rendering.id(secret) + " carries values: secrets are referenced, never shipped")));
    }

    @Test
    void prodRunsTwoPinnedReplicasApart() {
        Rendering rendering = Rendering.of("prod");
        Stream<String> images = Stream.concat(Workload.all(rendering).flatMap(w -> w.containers().stream()).map(c -> c.path("image").asText()),
                rendering.ofKind("Cluster").map(c -> c.path("spec").path("imageName").asText()).filter(i -> !i.isEmpty()));
        assertAll(images.map(image -> () -> assertTrue(pinned(image), "prod image " + image + " is not pinned to a version or digest")));
        // Two replicas kept apart: the services (the infrastructure's redundancy is its operators' business).
        assertAll(rendering.services().stream().map(s -> Workload.deployment(rendering, s.name()).orElseThrow()).map(w -> () -> {
            assertTrue(w.spec().path("replicas").asInt(1) >= 2, w + ": replicas " + w.spec().path("replicas") + " < 2");
            JsonNode antiAffinity = w.podSpec().path("affinity").path("podAntiAffinity");
            boolean apart = false;
            for (String kind : new String[] {"requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution"}) {
                for (JsonNode term : antiAffinity.path(kind)) {
                    JsonNode selector = term.has("podAffinityTerm") ? term.path("podAffinityTerm").path("labelSelector") : term.path("labelSelector");
                    apart |= Selectors.matches(selector, w.podLabels());
                }
            }
            assertTrue(apart, w + ": no pod anti-affinity that keeps its own replicas apart");
        }));
        // An autoscaler below two would undo the Deployment's replicas.
        assertAll(rendering.ofKind("HorizontalPodAutoscaler").map(hpa -> () -> assertTrue(
                hpa.path("spec").path("minReplicas").asInt(1) >= 2, "prod " + Rendering.id(hpa) + ": minReplicas < 2")));
        assertAll(rendering.ofKind("ScaledObject").map(so -> () -> assertTrue(
                so.path("spec").path("minReplicaCount").asInt(0) >= 2, "prod " + Rendering.id(so) + ": minReplicaCount < 2")));
    }

    /** A digest, or a tag that names a version down to at least its minor (not latest, dev, or a major line like 15). */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false; // no tag means latest
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && !tag.equals("dev") && !tag.contains("SNAPSHOT") && tag.matches("v?\\d+(\\.\\d+)+([.-][\\w.]+)?");
    }

    private static JsonNode httpPort(JsonNode container) {
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return port;
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named http");
    }

    private static void assertProbe(Workload w, JsonNode container, String probe, String path, JsonNode port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), w + " " + probe + " path");
        String target = get.path("port").asText();
        assertTrue(target.equals(port.path("name").asText()) || target.equals(port.path("containerPort").asText()),
                w + " " + probe + " asks port " + target + ", not the http port");
    }
}
