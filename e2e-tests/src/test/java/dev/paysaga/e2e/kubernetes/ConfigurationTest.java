package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paysaga.e2e.kubernetes.Workload.EnvVar;

/**
 * What the services read is there: their environment, the ConfigMaps and Secrets it comes from, their own
 * databases, and the topics of deploy/topics.txt.
 */
class ConfigurationTest {
    private static final String RENDERINGS = "dev.paysaga.e2e.kubernetes.Rendering#all";

    /**
     * Every variable a service needs is set: those its configuration names without a default, and an override of
     * every setting whose shipped default is the loopback interface (a database, Kafka, Redis, another service, the
     * address to listen on), which in a pod reaches nothing.
     */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void everyVariableAServiceNeedsIsSet(Rendering rendering) {
        assertAll(rendering.services().stream().map(s -> () -> {
            Workload w = Workload.deployment(rendering, s.name()).orElseThrow();
            Map<String, EnvVar> env = w.environment(w.mainContainer());
            ServiceConfig config = ServiceConfig.of(s.name());
            for (String name : config.requiredVariables()) {
                assertTrue(env.containsKey(name), w + " lacks " + name + ", which its configuration reads without a default");
            }
            // Every service listens on 127.0.0.1 unless told otherwise: finding none means the analysis is broken.
            assertTrue(config.loopbackDefaults().containsKey("quarkus.http.host"), w + ": configuration not understood");
            config.loopbackDefaults().forEach((property, overrides) -> {
                List<EnvVar> set = overrides.stream().map(env::get).filter(Objects::nonNull).toList();
                assertFalse(set.isEmpty(), w + ": " + property + " defaults to the loopback interface; set one of " + overrides);
                set.forEach(var -> assertFalse(var.value().orElse("").matches(".*(127\\.0\\.0\\.1|localhost).*"),
                        w + ": " + var.name() + " still points at the loopback interface: " + var.value().orElse("")));
            });
            Optional<String> port = Optional.ofNullable(env.get("QUARKUS_HTTP_PORT")).flatMap(EnvVar::value);
            port.ifPresent(p -> assertEquals(String.valueOf(s.port()), p, w + ": QUARKUS_HTTP_PORT vs deploy/services.txt"));
        }));
    }

    /**
     * Every ConfigMap and Secret a pod refers to exists: in the rendering, made by an operator from a resource of the
     * rendering (Strimzi: a KafkaUser's Secret, the cluster CA; CloudNativePG: a Cluster's -app Secret), or created
     * by the platform team as docs/kubernetes.md tells them. Optional references may be absent.
     */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void everyReferencedConfigMapAndSecretExists(Rendering rendering) throws IOException {
        String docs = Files.readString(Repository.file("docs/kubernetes.md"));
        Set<String> secrets = operatorSecrets(rendering);
        rendering.ofKind("Secret").forEach(secret -> secrets.add(Rendering.name(secret)));
        assertAll(Workload.all(rendering).flatMap(w -> references(w.podSpec()).entrySet().stream().map(ref -> () -> {
            String[] kindAndName = ref.getKey().split("/", 2);
            if (kindAndName[0].equals("ConfigMap")) {
                assertTrue(rendering.find("ConfigMap", kindAndName[1]).isPresent() || ref.getValue(), w + " refers to a missing " + ref.getKey());
            } else {
                assertTrue(secrets.contains(kindAndName[1]) || docs.contains("`" + kindAndName[1] + "`") || ref.getValue(),
                        w + " refers to " + ref.getKey() + ", which nothing creates and docs/kubernetes.md does not tell to create");
            }
        })));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void eachDatabaseIsItsServicesOwnCluster(Rendering rendering) {
        Map<String, String> clusterOf = new TreeMap<>(); // database → CNPG Cluster
        rendering.ofKind("Cluster").filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/"))
                .forEach(c -> clusterOf.put(c.path("spec").path("bootstrap").path("initdb").path("database").asText(), Rendering.name(c)));
        Set<String> databases = rendering.services().stream().flatMap(s -> s.database().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(databases, clusterOf.keySet(), rendering + ": CloudNativePG Clusters' databases vs deploy/services.txt");
        assertAll(rendering.services().stream().filter(s -> s.database().isPresent()).map(s -> () -> {
            String cluster = clusterOf.get(s.database().get());
            Workload w = Workload.deployment(rendering, s.name()).orElseThrow();
            Map<String, EnvVar> env = w.environment(w.mainContainer());
            for (String name : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertEquals(Optional.of(cluster + "-app"), Optional.ofNullable(env.get(name)).flatMap(EnvVar::secretName),
                        w + ": " + name + " should come from its own cluster's Secret " + cluster + "-app");
            }
            for (String name : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                String url = Optional.ofNullable(env.get(name)).flatMap(EnvVar::value).orElse("");
                assertTrue(url.matches(".*//" + cluster + "-rw(\\.[a-z0-9.-]+)?:5432/" + s.database().get()),
                        w + ": " + name + " should reach " + cluster + "-rw:5432/" + s.database().get() + " but is " + url);
            }
        }));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void theKafkaTopicsAreTheList(Rendering rendering) {
        Map<String, String> expected = new TreeMap<>();
        Repository.topics().forEach(t -> expected.put(t.name(), t.partitions() + " " + new TreeMap<>(t.configs())));
        Map<String, String> actual = new TreeMap<>();
        rendering.ofKind("KafkaTopic").forEach(topic -> {
            JsonNode spec = topic.path("spec");
            Map<String, String> configs = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            actual.put(spec.path("topicName").asText(Rendering.name(topic)), spec.path("partitions").asInt() + " " + configs);
        });
        assertEquals(expected, actual, rendering + ": KafkaTopics (partitions, configs) vs deploy/topics.txt");
    }

    /**
     * The brokers can hold what is asked of them: no topic (nor Kafka's own defaults) wants more replicas than there
     * are brokers, and min.insync.replicas leaves a write possible.
     */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void replicationFitsTheBrokers(Rendering rendering) {
        assertAll(rendering.ofKind("Kafka").map(kafka -> () -> {
            String cluster = Rendering.name(kafka);
            int brokers = rendering.ofKind("KafkaNodePool")
                    .filter(pool -> cluster.equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                    .filter(pool -> pool.path("spec").path("roles").toString().contains("\"broker\""))
                    .mapToInt(pool -> pool.path("spec").path("replicas").asInt()).sum();
            JsonNode config = kafka.path("spec").path("kafka").path("config");
            int minInsync = config.path("min.insync.replicas").asInt(1);
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                int factor = config.path(key).asInt(3); // Kafka's defaults are 1, 3 and 3; Strimzi sets none
                assertTrue(factor <= brokers, rendering + " Kafka/" + cluster + ": " + key + " " + factor + " > " + brokers + " brokers");
            }
            rendering.ofKind("KafkaTopic").filter(t -> cluster.equals(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                    .forEach(topic -> {
                        int replicas = topic.path("spec").path("replicas").asInt(config.path("default.replication.factor").asInt(1));
                        int topicMinInsync = topic.path("spec").path("config").path("min.insync.replicas").asInt(minInsync);
                        assertTrue(replicas <= brokers && topicMinInsync <= replicas, rendering + " " + Rendering.id(topic)
                                + ": " + replicas + " replicas, min.insync.replicas " + topicMinInsync + ", " + brokers + " brokers");
                    });
        }));
    }

    /** The Secrets operators write for resources of the rendering. */
    private static Set<String> operatorSecrets(Rendering rendering) {
        Set<String> secrets = new TreeSet<>();
        rendering.ofKind("KafkaUser").forEach(user -> secrets.add(Rendering.name(user)));
        rendering.ofKind("Kafka").forEach(kafka -> secrets.add(Rendering.name(kafka) + "-cluster-ca-cert"));
        rendering.ofKind("Cluster").filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/"))
                .forEach(c -> secrets.add(Rendering.name(c) + "-app"));
        return secrets;
    }

    /** "ConfigMap/name" or "Secret/name" → whether the reference is optional, for every reference of a pod spec. */
    private static Map<String, Boolean> references(JsonNode podSpec) {
        Map<String, Boolean> refs = new LinkedHashMap<>();
        List<JsonNode> containers = new ArrayList<>();
        podSpec.path("containers").forEach(containers::add);
        podSpec.path("initContainers").forEach(containers::add);
        for (JsonNode c : containers) {
            c.path("envFrom").forEach(from -> {
                add(refs, "ConfigMap/", from.path("configMapRef"));
                add(refs, "Secret/", from.path("secretRef"));
            });
            c.path("env").forEach(var -> {
                add(refs, "ConfigMap/", var.path("valueFrom").path("configMapKeyRef"));
                add(refs, "Secret/", var.path("valueFrom").path("secretKeyRef"));
            });
        }
        podSpec.path("volumes").forEach(v -> {
            add(refs, "ConfigMap/", v.path("configMap"));
            if (v.has("secret")) {
                refs.merge("Secret/" + v.path("secret").path("secretName").asText(), v.path("secret").path("optional").asBoolean(), Boolean::logicalAnd);
            }
            v.path("projected").path("sources").forEach(source -> {
                add(refs, "ConfigMap/", source.path("configMap"));
                add(refs, "Secret/", source.path("secret"));
            });
        });
        podSpec.path("imagePullSecrets").forEach(s -> refs.merge("Secret/" + s.path("name").asText(), false, Boolean::logicalAnd));
        return refs;
    }

    private static void add(Map<String, Boolean> refs, String kind, JsonNode ref) {
        if (!ref.isMissingNode()) {
            refs.merge(kind + ref.path("name").asText(), ref.path("optional").asBoolean(), Boolean::logicalAnd);
        }
    }
}
