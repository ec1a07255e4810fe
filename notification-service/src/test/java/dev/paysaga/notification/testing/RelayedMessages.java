package dev.paysaga.notification.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Messages produced straight onto the real broker, as another service's outbox relay publishes them. */
public final class RelayedMessages implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public RelayedMessages(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A CloudEvents message of {@code type} about {@code subject}, keyed for partitioning; sent before this returns. */
    public void send(String topic, String key, String messageId, String type, String subject, byte[] data) {
        sendRaw(cloudEvent(topic, key, messageId, type, subject, data));
    }

    /** The record {@link #send} sends. */
    public static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String messageId, String type,
            String subject, byte[] data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, data);
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(messageId))
                .add("ce_source", bytes("/paysaga/notification-tests"))
                .add("ce_type", bytes(type))
                .add("ce_subject", bytes(subject))
                .add("ce_time", bytes(Instant.now().toString()));
        return record;
    }

    /** Records sent as one producer batch (flushed once), so that a consumer's poll likely takes them together. */
    public void sendTogether(List<ProducerRecord<String, byte[]>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    /** Any record, CloudEvents headers or not. */
    public void sendRaw(ProducerRecord<String, byte[]> record) {
        producer.send(record);
        producer.flush();
    }

    /** The data of {@code order.created} for an order of {@code merchantId}. */
    public static byte[] orderCreated(String orderId, String merchantId) {
        return bytes("""
                {"order_id":"%s","merchant_id":"%s","customer_id":"cus_test","amount":3000,"currency":"CNY",
                 "lines":[{"sku":"sku_test","quantity":2,"unit_amount":1500}]}""".formatted(orderId, merchantId));
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
