package dev.paysaga.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark load for notification-service alone: {@code payment.succeeded} events of one merchant on
 * payment.events, as notification-service's own relay publishes them, at a steady rate. Remembers when
 * the broker acknowledged each, by payment id.
 */
final class PaymentEventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", Suite.KAFKA,
            "acks", "all", "linger.ms", "0"), new StringSerializer(), new ByteArraySerializer());
    private final String merchant;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    PaymentEventPublisher(String merchant) {
        this.merchant = merchant;
    }

    /** {@code count} events at {@code perSecond} (0: as fast as the broker acknowledges them). */
    void publish(int count, int perSecond) throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = perSecond == 0 ? 0 : started + TimeUnit.SECONDS.toNanos(i) / perSecond;
            while (System.nanoTime() < due) {
                TimeUnit.NANOSECONDS.sleep(Math.min(due - System.nanoTime(), 1_000_000));
            }
            publishOne();
        }
    }

    /** When the broker acknowledged the event of {@code paymentId}, as {@link System#nanoTime()}; null if unknown. */
    Long acknowledgedAt(String paymentId) {
        return acknowledged.get(paymentId);
    }

    boolean isOurs(String paymentId) {
        return acknowledged.containsKey(paymentId);
    }

    private void publishOne() throws Exception {
        String payment = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("payment.events", payment, ("{\"id\":\"" + payment
                + "\",\"merchant_id\":\"" + merchant + "\",\"amount\":1000,\"currency\":\"CNY\",\"status\":\"succeeded\"}")
                .getBytes(StandardCharsets.UTF_8));
        for (String[] header : new String[][] {{"ce_specversion", "1.0"}, {"ce_id", UUID.randomUUID().toString()},
                {"ce_source", "/paysaga/benchmarks"}, {"ce_type", "payment.succeeded"}, {"ce_subject", payment},
                {"ce_time", Instant.now().toString()}}) {
            record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
        }
        acknowledged.put(payment, Long.MAX_VALUE); // known before it can arrive anywhere
        producer.send(record).get();
        acknowledged.put(payment, System.nanoTime());
    }

    @Override
    public void close() {
        producer.close();
    }
}
