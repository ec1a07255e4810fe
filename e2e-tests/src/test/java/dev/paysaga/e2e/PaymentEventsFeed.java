package dev.paysaga.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a merchant's system learns about its payments: a real consumer of the public
 * {@code payment.events} topic, from its end at start, telling each waiting saga when its
 * {@code payment.succeeded} or {@code payment.failed} arrived (client clock). It also counts the
 * records every topic received meanwhile (end offsets), i.e. the messages a run cost.
 */
final class PaymentEventsFeed implements AutoCloseable {
    /** A payment's outcome as the topic told it, {@code at} its arrival ({@link System#nanoTime()}). */
    record Outcome(String type, long at) {
        boolean succeeded() {
            return type.equals("payment.succeeded");
        }
    }

    private final Map<String, CompletableFuture<Outcome>> bySaga = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", Suite.KAFKA,
            "group.id", "bench-" + UUID.randomUUID(), "enable.auto.commit", "false"),
            new StringDeserializer(), new ByteArrayDeserializer());
    private final Thread reader;
    private volatile boolean running = true;

    PaymentEventsFeed() {
        List<TopicPartition> partitions = consumer.partitionsFor("payment.events").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any payment is made
        reader = new Thread(this::read, "payment-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Completes when the saga's payment event arrives. */
    CompletableFuture<Outcome> outcomeOf(String sagaId) {
        return bySaga.computeIfAbsent(sagaId, id -> new CompletableFuture<>());
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long at = System.nanoTime();
                String type = header(record, "ce_type");
                if (type == null || !type.startsWith("payment.")) {
                    continue;
                }
                try {
                    JsonNode data = Bench.JSON.readTree(record.value());
                    outcomeOf(data.path("saga_id").asText()).complete(new Outcome(type, at));
                } catch (IOException e) {
                    System.out.println("unreadable payment event at offset " + record.offset() + ": " + e);
                }
            }
        }
        consumer.close();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The records all PaySaga topics hold so far (sum of end offsets), through a consumer of its own. */
    static long recordsOnAllTopics() {
        try (KafkaConsumer<String, byte[]> counter = new KafkaConsumer<>(Map.of("bootstrap.servers", Suite.KAFKA),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            counter.listTopics().forEach((name, topic) -> {
                if (!name.startsWith("__")) { // Kafka's own (consumer offsets) are not PaySaga's messages
                    topic.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            });
            return counter.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
