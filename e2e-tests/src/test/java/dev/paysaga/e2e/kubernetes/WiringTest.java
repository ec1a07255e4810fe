package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Objects that point at pods or Deployments find them: Services, PDBs, autoscalers, NetworkPolicies. */
class WiringTest {
    private static final String RENDERINGS = "dev.paysaga.e2e.kubernetes.Rendering#all";

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void servicesSelectThePodsOfOneWorkload(Rendering rendering) {
        assertAll(rendering.ofKind("Service").map(service -> () -> {
            JsonNode selector = service.path("spec").path("selector");
            assertFalse(selector.isEmpty(), rendering + " " + Rendering.id(service) + " has no selector");
            List<String> selected = Workload.all(rendering).filter(w -> Selectors.equalityMatches(selector, w.podLabels()))
                    .map(Workload::name).toList();
            assertEquals(1, selected.size(), rendering + " " + Rendering.id(service) + " selects the pods of " + selected);
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void eachServiceHasADisruptionBudgetThatSelectsItsPods(Rendering rendering) {
        assertAll(rendering.ofKind("PodDisruptionBudget").map(pdb -> () -> {
            List<String> selected = selectedWorkloads(rendering, pdb.path("spec").path("selector"));
            assertEquals(1, selected.size(), rendering + " " + Rendering.id(pdb) + " selects the pods of " + selected);
        }));
        Set<String> covered = rendering.ofKind("PodDisruptionBudget")
                .flatMap(pdb -> selectedWorkloads(rendering, pdb.path("spec").path("selector")).stream()).collect(Collectors.toSet());
        assertAll(rendering.services().stream().map(s -> () -> assertTrue(covered.contains(s.name()),
                rendering + ": no PodDisruptionBudget for " + s.name())));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void eachServiceHasOneAutoscalerOfItsDeployment(Rendering rendering) {
        Map<String, List<String>> scalers = autoscalers(rendering);
        assertAll(scalers.entrySet().stream().map(e -> () -> assertTrue(
                Workload.deployment(rendering, e.getKey()).isPresent(), rendering + ": " + e.getValue() + " scale Deployment/"
                        + e.getKey() + ", which is not there")));
        assertAll(rendering.services().stream().filter(s -> !s.name().equals(Rendering.SANDBOX)).map(s -> () -> assertEquals(1,
                scalers.getOrDefault(s.name(), List.of()).size(),
                rendering + ": " + s.name() + " should have one autoscaler (HPA or ScaledObject, never both): "
                        + scalers.get(s.name()))));
    }

    /** Consumers scale on their consumer group's lag (KEDA), the others on CPU (an HPA). */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void consumersScaleOnLagAndTheOthersOnCpu(Rendering rendering) {
        assertAll(rendering.services().stream().filter(s -> !s.name().equals(Rendering.SANDBOX)).map(s -> () -> {
            boolean consumer = !ServiceConfig.of(s.name()).consumedTopics().isEmpty();
            if (consumer) {
                assertTrue(rendering.ofKind("ScaledObject").anyMatch(so -> targets(so, s.name())
                        && so.path("spec").path("triggers").toString().contains("\"type\":\"kafka\"")),
                        rendering + ": " + s.name() + " consumes Kafka but no ScaledObject scales it on lag");
            } else {
                assertTrue(rendering.ofKind("HorizontalPodAutoscaler").anyMatch(hpa -> targets(hpa, s.name())
                        && hpa.path("spec").path("metrics").toString().contains("\"name\":\"cpu\"")),
                        rendering + ": " + s.name() + " consumes nothing but no HPA scales it on CPU");
            }
        }));
    }

    /** KEDA's scalers authenticate with a TriggerAuthentication of the rendering. */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void scaledObjectsAuthenticateWithATriggerAuthenticationThatExists(Rendering rendering) {
        assertAll(rendering.ofKind("ScaledObject").flatMap(so -> StreamSupport.stream(so.path("spec").path("triggers").spliterator(), false)
                .filter(trigger -> trigger.has("authenticationRef")).map(trigger -> () -> {
                    JsonNode ref = trigger.path("authenticationRef");
                    String kind = ref.path("kind").asText("TriggerAuthentication");
                    assertTrue(rendering.find(kind, ref.path("name").asText()).isPresent(),
                            rendering + " " + Rendering.id(so) + " authenticates with the missing " + kind + "/" + ref.path("name").asText());
                })));
    }

    /** ServiceMonitors find Services with the port they scrape, PodMonitors pods with theirs. */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void monitorsFindWhatTheyScrape(Rendering rendering) {
        assertAll(rendering.ofKind("ServiceMonitor").map(monitor -> () -> {
            List<JsonNode> services = rendering.ofKind("Service").filter(s -> Selectors.matches(monitor.path("spec").path("selector"),
                    Selectors.labels(s.path("metadata").path("labels")))).map(JsonNode.class::cast).toList();
            assertFalse(services.isEmpty(), rendering + " " + Rendering.id(monitor) + " selects no Service");
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                String port = endpoint.path("port").asText();
                services.forEach(s -> assertTrue(s.path("spec").path("ports").toString().contains("\"name\":\"" + port + "\""),
                        rendering + " " + Rendering.id(monitor) + " scrapes port " + port + ", which Service/" + Rendering.name(s) + " lacks"));
            }
        }));
        Pods pods = Pods.of(rendering);
        assertAll(rendering.ofKind("PodMonitor").map(monitor -> () -> {
            List<Pods.Pod> selected = pods.inNamespace().stream()
                    .filter(p -> Selectors.matches(monitor.path("spec").path("selector"), p.labels())).toList();
            assertFalse(selected.isEmpty(), rendering + " " + Rendering.id(monitor) + " selects no pod");
            for (JsonNode endpoint : monitor.path("spec").path("podMetricsEndpoints")) {
                selected.forEach(p -> assertTrue(p.port(endpoint.path("port").asText()).isPresent(),
                        rendering + " " + Rendering.id(monitor) + " scrapes port " + endpoint.path("port").asText() + ", which " + p + " lacks"));
            }
        }));
    }

    private static boolean targets(JsonNode scaler, String deployment) {
        return deployment.equals(scaler.path("spec").path("scaleTargetRef").path("name").asText());
    }

    /** A replica beyond the partitions of a topic its consumer group reads would get none of it. */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void replicasNeverExceedThePartitionsTheyConsume(Rendering rendering) {
        Map<String, Integer> partitions = Repository.topics().stream()
                .collect(Collectors.toMap(Repository.Topic::name, Repository.Topic::partitions));
        assertAll(rendering.services().stream().map(s -> () -> {
            Set<String> consumed = ServiceConfig.of(s.name()).consumedTopics();
            Optional<Integer> cap = consumed.stream().map(partitions::get).min(Integer::compare);
            if (cap.isEmpty()) {
                return; // consumes nothing: no partition bound
            }
            int max = maxReplicas(rendering, s.name());
            assertTrue(max <= cap.get(), rendering + ": " + s.name() + " may run " + max + " replicas but reads " + consumed
                    + " (at least one has only " + cap.get() + " partitions)");
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void scaledObjectsWatchTheServicesOwnConsumerGroup(Rendering rendering) {
        assertAll(rendering.ofKind("ScaledObject").map(so -> () -> {
            String target = so.path("spec").path("scaleTargetRef").path("name").asText();
            for (JsonNode trigger : so.path("spec").path("triggers")) {
                if (!trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                JsonNode metadata = trigger.path("metadata");
                assertEquals(target, metadata.path("consumerGroup").asText(), rendering + " " + Rendering.id(so) + " consumer group");
                assertTrue(ServiceConfig.of(target).consumedTopics().contains(metadata.path("topic").asText()),
                        rendering + " " + Rendering.id(so) + " watches " + metadata.path("topic").asText() + ", which " + target + " does not consume");
            }
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void networkPoliciesSelectPods(Rendering rendering) {
        Pods pods = Pods.of(rendering);
        assertAll(rendering.ofKind("NetworkPolicy").map(policy -> () -> {
            JsonNode selector = policy.path("spec").path("podSelector");
            assertTrue(selector.isEmpty() || pods.inNamespace().stream().filter(p -> !p.name().equals(Pods.STRANGER))
                    .anyMatch(p -> Selectors.matches(selector, p.labels())),
                    rendering + " " + Rendering.id(policy) + " selects no pod");
        }));
    }

    private static List<String> selectedWorkloads(Rendering rendering, JsonNode selector) {
        return Workload.all(rendering).filter(w -> Selectors.matches(selector, w.podLabels())).map(Workload::name).toList();
    }

    /** Deployment name → the HPAs and ScaledObjects that scale it. */
    private static Map<String, List<String>> autoscalers(Rendering rendering) {
        return Stream.concat(rendering.ofKind("HorizontalPodAutoscaler"), rendering.ofKind("ScaledObject"))
                .collect(Collectors.groupingBy(o -> o.path("spec").path("scaleTargetRef").path("name").asText(),
                        Collectors.mapping(Rendering::id, Collectors.toList())));
    }

    private static int maxReplicas(Rendering rendering, String deployment) {
        int max = Workload.deployment(rendering, deployment).map(w -> w.spec().path("replicas").asInt(1)).orElse(0);
        for (JsonNode hpa : rendering.ofKind("HorizontalPodAutoscaler").toList()) {
            if (deployment.equals(hpa.path("spec").path("scaleTargetRef").path("name").asText())) {
                max = Math.max(max, hpa.path("spec").path("maxReplicas").asInt());
            }
        }
        for (JsonNode so : rendering.ofKind("ScaledObject").toList()) {
            if (deployment.equals(so.path("spec").path("scaleTargetRef").path("name").asText())) {
                max = Math.max(max, so.path("spec").path("maxReplicaCount").asInt(100)); // KEDA's default
            }
        }
        return max;
    }
}
