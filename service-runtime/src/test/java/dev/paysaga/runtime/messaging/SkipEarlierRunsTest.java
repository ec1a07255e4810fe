package dev.paysaga.runtime.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real broker: a test consumer group skips earlier runs' records and keeps its own. */
class SkipEarlierRunsTest {
    private static final String BOOTSTRAP = "127.0.0.1:9092";
    private static final Instant START = Instant.now();

    private final String topic = "test.skip-earlier-runs." + UUID.randomUUID();
    private final TopicPartition partition = new TopicPartition(topic, 0);
    private Admin admin;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        // Two records of an earlier run, then two of this one (timestamps either side of the start).
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long start = START.toEpochMilli();
            for (var record : List.of(record(start - 60_000, "earlier-1"), record(start - 1, "earlier-2"),
                    record(start, "ours-1"), record(start + 1, "ours-2"))) {
                producer.send(record).get();
            }
        }
    }

    @AfterEach
    void deleteTopic() throws Exception {
        admin.deleteTopics(List.of(topic)).all().get();
        admin.close();
    }

    @Test
    void aGroupBehindTheStartBeginsAtTheFirstRecordOfThisRun() {
        String group = "test-" + UUID.randomUUID();
        commit(group, 1); // an earlier run stopped after its first record

        assertEquals(List.of("ours-1", "ours-2"), consume(group, 2));
    }

    @Test
    void aGroupWithoutPositionBeginsAtTheFirstRecordOfThisRun() {
        assertEquals(List.of("ours-1", "ours-2"), consume("test-" + UUID.randomUUID(), 2));
    }

    @Test
    void aPositionWithinThisRunIsKept() {
        String group = "test-" + UUID.randomUUID();
        commit(group, 3); // this run already handled ours-1: a rebalance must not replay or skip anything

        assertEquals(List.of("ours-2"), consume(group, 1));
    }

    private ProducerRecord<String, String> record(long timestamp, String value) {
        return new ProducerRecord<>(topic, 0, timestamp, "key", value);
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    private void commit(String group, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.assign(Set.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    /** Subscribes as the connector does, with the listener applied on assignment, until {@code count} records. */
    private List<String> consume(String group, int count) {
        SkipEarlierRuns listener = new SkipEarlierRuns(START);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    listener.onPartitionsAssigned(consumer, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= count;
            });
            // Nothing beyond: what was skipped stays skipped, what was kept is not replayed.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
