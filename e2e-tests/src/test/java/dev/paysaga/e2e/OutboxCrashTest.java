package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox under SIGKILL. order-service commits an order with its order.created message, then
 * dies in the two windows that matter; after a restart the message is delivered and
 * notification-service's effect happens exactly once.
 */
class OutboxCrashTest {
    static final String ORDERS = "order-service";

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void healthyAgain() {
        Suite.restart(ORDERS, Map.of());
    }

    @Test
    void killedAfterCommitBeforePublishingTheMessageIsDeliveredOnceAfterRestart() throws Exception {
        // The relay is off, so the process holds committed but unpublished messages when it dies.
        Suite.restart(ORDERS, Map.of("PAYSAGA_OUTBOX_RELAY_ENABLED", "false"));
        String sku = Orders.stockedSku(10);
        String first = Orders.place(sku, null);
        String second = Orders.place(sku, null);
        assertEquals(Optional.of(false), sent(first), "published although the relay is off");

        Suite.kill9(ORDERS);
        assertTrue(Orders.eventsAbout(first).isEmpty(), "delivered although never published");
        Suite.start(ORDERS, Map.of());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Orders.eventsAbout(first).size() == 1 && Orders.eventsAbout(second).size() == 1);
        assertEquals(Optional.of(true), sent(first));
        assertEquals(1, Orders.eventsAbout(first).size());
    }

    @Test
    void killedAfterPublishingBeforeMarkingSentThePublishRepeatsAndTheInboxAppliesItOnce() throws Exception {
        Suite.restart(ORDERS, Map.of("PAYSAGA_OUTBOX_RELAY_ENABLED", "false"));
        String orderId = Orders.place(Orders.stockedSku(10), null);
        Suite.kill9(ORDERS);

        try (KafkaConsumer<String, byte[]> topic = reader()) {
            // This run publishes, then halts the JVM (exit 137) before it can mark the row sent.
            Suite.services("start", Map.of("PAYSAGA_FAULT_HALT_AFTER_PUBLISH", "true"), ORDERS);
            await().atMost(Duration.ofSeconds(60)).until(() -> !Suite.alive(ORDERS));
            assertEquals(Optional.of(false), sent(orderId), "marked sent although the relay died first");

            Suite.start(ORDERS, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(orderId).orElse(false));

            List<String> published = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : topic.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(r.key())) {
                        published.add(header(r, "ce_id"));
                    }
                }
                return published.size() == 2;
            });
            assertEquals(published.get(0), published.get(1), "the second publish must carry the same message id");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !Orders.eventsAbout(orderId).isEmpty());
        // A later order on the same path proves the consumer is past both copies before we count.
        String later = Orders.place(Orders.stockedSku(1), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> Orders.eventsAbout(later).size() == 1);
        assertEquals(1, Orders.eventsAbout(orderId).size(), "a duplicate publish had a second effect");
    }

    /** Whether the order's outbox message is marked sent; empty if there is none. */
    private static Optional<Boolean> sent(String orderId) throws Exception {
        try (Connection db = Suite.database(ORDERS);
                PreparedStatement query = db.prepareStatement(
                        "select sent_at is not null from outbox_message where subject = ? and type = 'order.created'")) {
            query.setString(1, orderId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private static KafkaConsumer<String, byte[]> reader() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", Suite.KAFKA),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("order.events").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertFalse(header == null, "record without " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
