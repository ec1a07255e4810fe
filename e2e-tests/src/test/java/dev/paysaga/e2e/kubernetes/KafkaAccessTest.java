package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paysaga.e2e.kubernetes.Workload.EnvVar;

/**
 * Each service talks to Kafka as its own KafkaUser, whose ACLs let it do what its configuration says it does:
 * read its incoming topics as its own consumer group, write their dead letters, read the merchant keys.
 * (What it publishes is chosen in code, by the outbox, so those grants are not derived here.)
 */
class KafkaAccessTest {

    @ParameterizedTest
    @MethodSource("dev.paysaga.e2e.kubernetes.Rendering#all")
    void eachServiceUsesItsOwnKafkaUserWithTheGrantsItNeeds(Rendering rendering) {
        Set<String> users = new TreeSet<>();
        rendering.ofKind("KafkaUser").forEach(u -> users.add(Rendering.name(u)));
        List<Repository.Service> kafkaClients = rendering.services().stream().filter(s -> ServiceConfig.of(s.name()).sharesTheRuntime()).toList();
        assertTrue(kafkaClients.size() >= rendering.services().size() - 1, rendering + ": Kafka clients found: " + kafkaClients);
        assertAll(kafkaClients.stream().map(s -> () -> {
            ServiceConfig config = ServiceConfig.of(s.name());
            JsonNode user = rendering.find("KafkaUser", s.name())
                    .orElseThrow(() -> new AssertionError(rendering + ": no KafkaUser " + s.name()));
            Workload w = Workload.deployment(rendering, s.name()).orElseThrow();
            // Its client certificate is its own user's, whichever variables carry it.
            List<String> userSecrets = w.environment(w.mainContainer()).values().stream().map(EnvVar::secretName)
                    .flatMap(Optional::stream).filter(users::contains).distinct().toList();
            assertEquals(List.of(s.name()), userSecrets, w + " authenticates to Kafka with the certificates of " + userSecrets);

            for (String topic : config.consumedTopics()) {
                assertTrue(grants(user, "topic", topic, "Read"), rendering + " KafkaUser/" + s.name() + " cannot read " + topic);
            }
            if (!config.consumedTopics().isEmpty()) {
                assertTrue(grants(user, "group", s.name(), "Read"), rendering + " KafkaUser/" + s.name() + " cannot use its consumer group");
            }
            for (String topic : config.deadLetterTopics()) {
                assertTrue(grants(user, "topic", topic, "Write"), rendering + " KafkaUser/" + s.name() + " cannot write " + topic);
            }
            assertTrue(grants(user, "topic", "merchant.keys", "Read"), rendering + " KafkaUser/" + s.name() + " cannot read merchant.keys");
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                assertFalse(acl.path("operations").toString().contains("\"All\"") || acl.path("resource").path("name").asText().equals("*"),
                        rendering + " KafkaUser/" + s.name() + " has a blanket grant: " + acl);
            }
        }));
    }

    /** Whether a simple-authorization ACL allows {@code operation} on the resource (literal or prefix pattern). */
    private static boolean grants(JsonNode user, String type, String name, String operation) {
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            boolean named = resource.path("patternType").asText("literal").equals("prefix")
                    ? name.startsWith(resource.path("name").asText())
                    : name.equals(resource.path("name").asText());
            boolean allowed = acl.path("type").asText("allow").equals("allow") && (acl.path("operations").toString().contains("\"" + operation + "\"")
                    || acl.path("operation").asText().equals(operation));
            if (resource.path("type").asText().equals(type) && named && allowed) {
                return true;
            }
        }
        return false;
    }
}
