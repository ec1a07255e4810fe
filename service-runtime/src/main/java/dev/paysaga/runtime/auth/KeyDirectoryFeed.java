package dev.paysaga.runtime.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the compacted {@code merchant.keys} topic from its beginning into this replica's
 * {@link ApiKeyDirectory}, then follows it: a key revoked at payment-service stops working here as
 * soon as its record arrives (typically well under a second; {@code docs/api.md} states the bound).
 * Every replica reads every partition itself (no consumer group), so each holds all keys. Until it has
 * read up to the end offsets seen at start the service is not ready ({@link KeyDirectoryReadiness}):
 * it fails closed rather than refuse keys it has not loaded yet.
 */
@Singleton
public class KeyDirectoryFeed {
    public static final String TOPIC = dev.paysaga.contracts.Topics.MERCHANT_KEYS;
    private static final Logger LOG = Logger.getLogger(KeyDirectoryFeed.class);

    private final ApiKeyDirectory directory;
    private final ObjectMapper mapper;
    private final Map<String, Object> broker;
    private final boolean enabled;
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    KeyDirectoryFeed(ApiKeyDirectory directory, ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> broker,
            @ConfigProperty(name = "paysaga.auth.key-feed.enabled", defaultValue = "true") boolean enabled) {
        this.directory = directory;
        this.mapper = mapper;
        this.broker = broker;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            caughtUp.set(true);
            return;
        }
        running = true;
        thread = new Thread(this::run, "merchant-keys-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public boolean caughtUp() {
        return caughtUp.get();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The broker may be down or the topic not created yet: keep the keys we have and retry.
                LOG.warnf("merchant key feed interrupted (%s); retrying", e.toString());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + TOPIC + " has no partitions");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>(kafka.endOffsets(partitions));
        while (running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!caughtUp.get() && ends.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                caughtUp.set(true);
                LOG.infof("merchant keys loaded: %d", directory.size());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            directory.remove(record.key());
            return;
        }
        try {
            directory.put(mapper.readValue(record.value(), KeyRecord.class));
        } catch (Exception e) {
            // A record this version cannot read must not stop the feed; the key it describes stays unknown.
            LOG.errorf("unreadable merchant key record at %s-%d@%d (%s)", record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName());
        }
    }

    /** What the feed's consumer is made with. */
    Properties properties() {
        // Every kafka.* setting the messaging channels get (bootstrap servers, TLS or SASL), then our own.
        Properties p = new Properties();
        p.putAll(broker);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "merchant-keys-feed");
        return p;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
