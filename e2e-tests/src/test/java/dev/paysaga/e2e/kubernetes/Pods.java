package dev.paysaga.e2e.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pods a rendering makes run, for reasoning about NetworkPolicies without a cluster: the workloads' pods,
 * the pods the operators create from the custom resources (labelled as Strimzi and CloudNativePG label them),
 * and pods of the standard installs PaySaga's pods talk to in other namespaces.
 */
record Pods(String namespace, List<Pod> all) {

    /** What a pod is for the flow checks. */
    enum Role { SERVICE, WORKLOAD, KAFKA, KAFKA_ENTITY_OPERATOR, POSTGRES, OUTSIDE }

    /**
     * One pod. {@code group} names what it belongs to: its workload, its Kafka or PostgreSQL cluster, or its
     * namespace for outside pods; {@code ports} maps port names and numbers to numbers.
     */
    record Pod(String name, String namespace, Role role, String group, Map<String, String> labels, Map<String, Integer> ports) {
        Optional<Integer> port(String nameOrNumber) {
            return Optional.ofNullable(ports.get(nameOrNumber));
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    static final String STRANGER = "stranger";

    /** Pods of standard installs outside PaySaga's namespace (the namespaces docs/kubernetes.md names). */
    static final List<Pod> OUTSIDE = List.of(
            outside("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller")),
            outside("gateway-proxy", "envoy-gateway-system", Map.of("app.kubernetes.io/name", "envoy", "app.kubernetes.io/component", "proxy")),
            outside("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus")),
            outside("keda-operator", "keda", Map.of("app", "keda-operator", "app.kubernetes.io/name", "keda-operator")),
            outside("strimzi-cluster-operator", "strimzi", Map.of("name", "strimzi-cluster-operator", "strimzi.io/kind", "cluster-operator")),
            outside("cnpg-controller-manager", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")),
            new Pod("coredns", "kube-system", Role.OUTSIDE, "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("53", 53, "dns", 53, "dns-tcp", 53)),
            new Pod(STRANGER, "default", Role.OUTSIDE, "default", Map.of("app", "stranger"), Map.of("http", 8080, "8080", 8080)));

    static Pods of(Rendering rendering) {
        String namespace = rendering.objects().stream().map(o -> o.path("metadata").path("namespace").asText())
                .filter(ns -> !ns.isEmpty()).findFirst().orElse("default");
        List<Pod> pods = new ArrayList<>();
        List<String> services = rendering.services().stream().map(Repository.Service::name).toList();
        Workload.all(rendering).forEach(w -> {
            Map<String, Integer> ports = new LinkedHashMap<>();
            w.containers().forEach(c -> c.path("ports").forEach(p -> {
                ports.put(p.path("containerPort").asText(), p.path("containerPort").asInt());
                if (p.has("name")) {
                    ports.put(p.path("name").asText(), p.path("containerPort").asInt());
                }
            }));
            pods.add(new Pod(w.name(), namespace, services.contains(w.name()) ? Role.SERVICE : Role.WORKLOAD, w.name(), w.podLabels(), ports));
        });
        rendering.ofKind("Kafka").forEach(kafka -> kafkaPods(rendering, kafka, namespace, pods));
        rendering.ofKind("Cluster").filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")).forEach(cluster -> {
            String name = Rendering.name(cluster);
            Map<String, String> labels = new LinkedHashMap<>(Selectors.labels(cluster.path("spec").path("inheritedMetadata").path("labels")));
            labels.putAll(Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance", "cnpg.io/instanceRole", "primary", "role", "primary"));
            pods.add(new Pod(name + "-1", namespace, Role.POSTGRES, name, labels,
                    Map.of("5432", 5432, "postgresql", 5432, "8000", 8000, "status", 8000, "9187", 9187, "metrics", 9187)));
        });
        // Pods nobody talks to, here and elsewhere: an over-broad rule lets them in or lets the services reach them.
        pods.add(new Pod(STRANGER, namespace, Role.WORKLOAD, STRANGER, Map.of("app", "stranger"), Map.of("http", 8080, "8080", 8080)));
        pods.addAll(OUTSIDE);
        return new Pods(namespace, pods);
    }

    List<Pod> inNamespace() {
        return all.stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    Pod outside(String name) {
        return all.stream().filter(p -> p.role() == Role.OUTSIDE && p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Pod outside(String name, String namespace, Map<String, String> labels) {
        return new Pod(name, namespace, Role.OUTSIDE, namespace, labels, Map.of());
    }

    /** One pod per node pool of the cluster, labelled as Strimzi labels them, with the listeners' ports. */
    private static void kafkaPods(Rendering rendering, JsonNode kafka, String namespace, List<Pod> pods) {
        String cluster = Rendering.name(kafka);
        Map<String, Integer> ports = new LinkedHashMap<>(Map.of("9090", 9090, "9091", 9091, "8443", 8443));
        kafka.path("spec").path("kafka").path("listeners").forEach(l -> ports.put(l.path("port").asText(), l.path("port").asInt()));
        rendering.ofKind("KafkaNodePool").filter(pool -> cluster.equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                .forEach(pool -> {
                    String roles = pool.path("spec").path("roles").toString();
                    Map<String, String> labels = new LinkedHashMap<>(Selectors.labels(pool.path("spec").path("template").path("pod").path("metadata").path("labels")));
                    labels.putAll(Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name", cluster + "-kafka",
                            "strimzi.io/pool-name", Rendering.name(pool), "strimzi.io/component-type", "kafka",
                            "strimzi.io/broker-role", String.valueOf(roles.contains("\"broker\"")),
                            "strimzi.io/controller-role", String.valueOf(roles.contains("\"controller\"")),
                            "app.kubernetes.io/name", "kafka", "app.kubernetes.io/instance", cluster));
                    pods.add(new Pod(cluster + "-" + Rendering.name(pool) + "-0", namespace, Role.KAFKA, cluster, labels, ports));
                });
        if (kafka.path("spec").has("entityOperator")) {
            pods.add(new Pod(cluster + "-entity-operator", namespace, Role.KAFKA_ENTITY_OPERATOR, cluster,
                    Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name", cluster + "-entity-operator",
                            "strimzi.io/component-type", "entity-operator", "app.kubernetes.io/name", "entity-operator"),
                    Map.of()));
        }
    }
}
