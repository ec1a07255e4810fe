package dev.paysaga.notification.messaging;

import static dev.paysaga.notification.testing.RelayedMessages.bytes;
import static dev.paysaga.runtime.testing.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.paysaga.notification.testing.RelayedMessages;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.ConsumerAssignments;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox, driven through the real Kafka broker: messages are produced straight onto
 * {@code order.events} as another service's outbox relay would, duplicates and poison included.
 */
@QuarkusTest
class InboxTest {
    static final String TOPIC = "order.events";
    static final String DEAD_LETTERS = "order.events.dlq.notification-service";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id")
    String group;
    RelayedMessages relay;

    @BeforeEach
    void connect() {
        ConsumerAssignments.awaitAssigned(bootstrap, group, TOPIC);
        relay = new RelayedMessages(bootstrap);
    }

    @AfterEach
    void close() {
        relay.close();
    }

    @Test
    void aMessageDeliveredAgainAndInterleavedWithAnotherHasOneEffect() {
        String orderA = Ids.next("ord"), orderB = Ids.next("ord");
        String messageA = UUID.randomUUID().toString(), messageB = UUID.randomUUID().toString();

        // A, B, A, B, A: redeliveries, out of order with each other, all keyed to A's partition.
        for (String id : List.of(messageA, messageB, messageA, messageB, messageA)) {
            String order = id.equals(messageA) ? orderA : orderB;
            send(orderA, id, order, orderCreated(order));
        }
        String marker = Ids.next("ord");
        send(orderA, UUID.randomUUID().toString(), marker, orderCreated(marker));

        // The marker comes last on the same partition: once it is recorded, every redelivery before it was consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(marker) == 1);
        assertEquals(1, eventsAbout(orderA), "redelivered message applied more than once");
        assertEquals(1, eventsAbout(orderB), "redelivered message applied more than once");
        given().get("/v1/events?subject=" + orderA).then().statusCode(200)
                .body("data[0].type", equalTo("order.created"))
                .body("data[0].data.amount", equalTo(3000));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheirReasonAndThePartitionGoesOn() {
        String key = Ids.next("ord");
        String unreadable = UUID.randomUUID().toString();
        String breaksContract = UUID.randomUUID().toString();
        try (KafkaConsumer<String, byte[]> deadLetters = deadLetterReader()) {
            send(key, unreadable, key, "{not json".getBytes(StandardCharsets.UTF_8));
            send(key, breaksContract, key, "{\"order_id\":null}".getBytes(StandardCharsets.UTF_8));
            relay.sendRaw(new ProducerRecord<>(TOPIC, key, orderCreated(key))); // no CloudEvents headers at all
            String healthy = Ids.next("ord");
            send(key, UUID.randomUUID().toString(), healthy, orderCreated(healthy));

            await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(healthy) == 1);
            assertEquals(0, eventsAbout(key), "a poison message had an effect");

            Map<String, String> reasons = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : deadLetters.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        reasons.put(header(r, "ce_id").orElse("no-id"), header(r, "dead-letter-reason").orElse(""));
                    }
                }
                return reasons.size() == 3;
            });
            assertFalse(reasons.get(unreadable).isBlank(), "dead letter without a reason");
            assertFalse(reasons.get(breaksContract).isBlank(), "dead letter without a reason");
            assertFalse(reasons.get("no-id").isBlank(), "dead letter without a reason");
        }
    }

    /**
     * A poison message inside a batch fails the batch's transaction; the batch is applied again one by one, the
     * poison dead-lettered, and what follows it applied after its dead letter is sent — which completes on the
     * dead-letter producer's thread, not the message's context: the consumer must go on, then and later.
     */
    @Test
    void aPoisonMessageAmidABatchIsDeadLetteredAndTheRestOfTheBatchAndTheNextMessagesAreApplied() {
        String key = Ids.next("ord");
        String before = Ids.next("ord"), after = Ids.next("ord"), later = Ids.next("ord");
        relay.sendTogether(List.of(
                RelayedMessages.cloudEvent(TOPIC, key, UUID.randomUUID().toString(), "order.created", before, orderCreated(before)),
                RelayedMessages.cloudEvent(TOPIC, key, UUID.randomUUID().toString(), "order.created", key,
                        "{\"order_id\":null}".getBytes(StandardCharsets.UTF_8)),
                RelayedMessages.cloudEvent(TOPIC, key, UUID.randomUUID().toString(), "order.created", after, orderCreated(after))));

        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(before) == 1 && eventsAbout(after) == 1);
        send(key, UUID.randomUUID().toString(), later, orderCreated(later));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(later) == 1);
        assertEquals(0, eventsAbout(key), "the poison message had no effect");
    }

    /** An order.created message as a relay publishes it: keyed for partitioning, about {@code subject}. */
    private void send(String key, String messageId, String subject, byte[] data) {
        relay.send(TOPIC, key, messageId, "order.created", subject, data);
    }

    /** An order of merchant A, whose key the test reads the event log with. */
    private static byte[] orderCreated(String orderId) {
        return RelayedMessages.orderCreated(orderId, TestCredentials.MERCHANT_A);
    }

    /** Read by the platform, which sees every event: a poison message without a merchant would show here too. */
    private static int eventsAbout(String subject) {
        return Api.asPlatform().get("/v1/events?subject=" + subject).then().statusCode(200)
                .extract().jsonPath().getList("data").size();
    }

    private KafkaConsumer<String, byte[]> deadLetterReader() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                .map(p -> new TopicPartition(DEAD_LETTERS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is sent
        return consumer;
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        return StreamSupport.stream(record.headers().headers(name).spliterator(), false)
                .reduce((first, second) -> second)
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8));
    }
}
