package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1Deployment;

/** The validators RenderedObjectsValidTest relies on reject what kubectl's strict validation rejects. */
class SchemaValidatorsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: order-service, labels: {app.kubernetes.io/name: order-service}}
            spec:
              replicas: 2
              selector: {matchLabels: {app.kubernetes.io/name: order-service}}
              template:
                metadata: {labels: {app.kubernetes.io/name: order-service}}
                spec:
                  containers:
                    - name: order-service
                      image: paysaga/order-service:0.1.0
                      ports: [{name: http, containerPort: 8081}]
                      resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 1}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
            """;
    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata: {name: order-events, labels: {strimzi.io/cluster: paysaga}}
            spec:
              topicName: order.events
              partitions: 4
              replicas: 3
              config: {cleanup.policy: compact}
            """;

    @Test
    void aValidDeploymentPasses() {
        assertEquals(List.of(), deployment("", ""));
    }

    @Test
    void aMisspeltFieldFails() {
        assertFails(deployment("  replicas: 2", "  replcas: 2"), ".spec.replcas: unknown field");
        assertFails(deployment("image: paysaga", "imag: paysaga"), ".spec.template.spec.containers[0].imag: unknown field");
        assertFails(deployment("httpGet: {path", "httpGet: {pth: /x, path"), "readinessProbe.httpGet.pth: unknown field");
    }

    @Test
    void aWrongTypeFails() {
        assertFails(deployment("replicas: 2", "replicas: two"), ".spec.replicas: should be an integer");
        assertFails(deployment("containerPort: 8081", "containerPort: \"8081\""), "containerPort: should be an integer");
        assertFails(deployment("image: paysaga/order-service:0.1.0", "image: 42"), "image: should be a string");
        assertFails(deployment("labels: {app.kubernetes.io/name: order-service}}\nspec",
                "labels: {app.kubernetes.io/name: order-service, paysaga/public: true}}\nspec"), "paysaga/public: should be a string");
        assertFails(deployment("cpu: 250m", "cpu: 250mm"), "cpu: \"250mm\" is not a quantity");
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertFails(deployment("- name: order-service\n          image", "- image"), "containers[0].name: required by V1Container");
        assertFails(deployment("  selector: {matchLabels: {app.kubernetes.io/name: order-service}}\n", ""),
                ".spec.selector: required by V1DeploymentSpec");
    }

    /**
     * The client models' own check finds unknown fields and missing required ones at any depth, but takes any scalar
     * for any other: hence KubernetesSchemas' check of the fields' types on top of it.
     */
    @Test
    void theModelsOwnCheckRecursesButIgnoresScalarTypes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> V1Deployment.validateJsonElement(gson(DEPLOYMENT.replace("image: paysaga", "imag: paysaga"))));
        assertTrue(unknown.getMessage().contains("`imag`"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> V1Deployment.validateJsonElement(gson(DEPLOYMENT.replace("- name: order-service\n          image", "- image"))));
        assertTrue(missing.getMessage().contains("`name`"), missing.getMessage());
        assertDoesNotThrow(() -> V1Deployment.validateJsonElement(gson(DEPLOYMENT.replace("image: paysaga/order-service:0.1.0", "image: 42"))));
        assertFails(deployment("image: paysaga/order-service:0.1.0", "image: 42"), "image: should be a string");
    }

    @Test
    void aFieldGivenTwiceFails() {
        IOException e = assertThrows(IOException.class, () -> Rendering.parse(DEPLOYMENT.replace("  replicas: 2", "  replicas: 2\n  replicas: 3")));
        assertTrue(e.getMessage().contains("Duplicate field 'replicas'"), e.getMessage());
    }

    @Test
    void aKindOutsideItsGroupFails() {
        assertFails(deployment("kind: Deployment", "kind: Service"), "apps/v1 has no kind Service");
        assertFails(deployment("apps/v1", "apps/v1beta1"), "is not a kind of Kubernetes 1.32");
    }

    @Test
    void aValidKafkaTopicPasses() {
        assertEquals(List.of(), topic("", ""));
    }

    @Test
    void aKafkaTopicWithAnUnknownSpecFieldFails() {
        assertFails(topic("  partitions: 4", "  partitions: 4\n  retention: 7d"), "retention");
    }

    @Test
    void aKafkaTopicOfTheWrongTypeOrWithoutANameFails() {
        assertFails(topic("partitions: 4", "partitions: four"), "partitions");
        assertFails(topic("metadata: {name: order-events, ", "metadata: {"), ".metadata.name: missing");
        assertFails(topic("labels: {strimzi.io/cluster: paysaga}", "labelz: {strimzi.io/cluster: paysaga}"),
                ".metadata.labelz: unknown field");
    }

    @Test
    void crdIntOrStringAndPreservedFieldsAreHonoured() throws IOException {
        JsonNode object = Rendering.YAML.readTree("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: ledger-service}
                spec:
                  scaleTargetRef: {name: ledger-service}
                  maxReplicaCount: 4
                  triggers:
                    - type: kafka
                      metadata: {bootstrapServers: kafka:9092, consumerGroup: ledger-service, topic: ledger.commands, lagThreshold: "50"}
                """);
        assertEquals(List.of(), CrdSchemas.validate(object));
        ((ObjectNode) object.path("spec")).put("maxReplicaCount", "four");
        assertTrue(String.join(";", CrdSchemas.validate(object)).contains("maxReplicaCount"), CrdSchemas.validate(object).toString());
    }

    @Test
    void crdFieldsAreCheckedAtAnyDepth() throws IOException {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: orders-db}
                spec:
                  instances: 2
                  bootstrap: {initdb: {database: orders, owner: orders}}
                  storage: {size: 5Gi}
                  resources: {requests: {cpu: 1, memory: 512Mi}, limits: {cpu: 500m}}
                """;
        assertEquals(List.of(), problems(cluster, "", ""));
        assertFails(problems(cluster, "database: orders", "databse: orders"), "databse");
        assertFails(problems(cluster, "cpu: 1,", "cpu: [1],"), "cpu");
        assertFails(problems(cluster, "instances: 2", "instances: \"2\""), "instances");
    }

    private static JsonElement gson(String yaml) throws IOException {
        return JsonParser.parseString(Rendering.YAML.readTree(yaml).toString());
    }

    private static List<String> deployment(String replace, String with) {
        return problems(DEPLOYMENT, replace, with);
    }

    private static List<String> topic(String replace, String with) {
        return problems(TOPIC, replace, with);
    }

    private static List<String> problems(String yaml, String replace, String with) {
        assertTrue(yaml.contains(replace), "test edits what is there: " + replace);
        try {
            return RenderedObjectsValidTest.problems(Rendering.YAML.readTree(yaml.replace(replace, with)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFails(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem with '" + expected + "' in " + problems);
    }
}
