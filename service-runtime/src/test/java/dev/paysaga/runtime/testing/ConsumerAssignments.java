package dev.paysaga.runtime.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a service's consumer group holds every partition of the topics a test publishes to. A service
 * just started joins its group one consumer at a time, and each join moves partitions: a record published
 * meanwhile waits for the group to settle, which on a fresh broker can outlast a test's patience.
 */
public final class ConsumerAssignments {
    private static final Duration SETTLING = Duration.ofSeconds(90);

    private ConsumerAssignments() {
    }

    public static void awaitAssigned(String bootstrapServers, String group, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<TopicPartition> wanted = partitions(admin, List.of(topics));
            await().atMost(SETTLING).pollInterval(Duration.ofMillis(200))
                    .until(() -> assigned(admin, group).containsAll(wanted));
        }
    }

    private static Set<TopicPartition> partitions(Admin admin, List<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> IntStream.range(0, topic.partitions().size())
                            .mapToObj(partition -> new TopicPartition(topic.name(), partition)))
                    .collect(Collectors.toSet());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topics, e);
        }
    }

    private static Set<TopicPartition> assigned(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        Set<TopicPartition> assigned = new HashSet<>();
        if (description.groupState() != GroupState.STABLE) {
            return assigned; // a rebalance is moving partitions
        }
        for (MemberDescription member : description.members()) {
            assigned.addAll(member.assignment().topicPartitions());
        }
        return assigned;
    }
}
