package dev.paysaga.runtime.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * For test runs only (the {@code test} profile names it as every incoming channel's rebalance listener):
 * a partition whose committed position lies before this process started is moved to the first record
 * published after the start. A test publishes what it consumes after its service is up, so what other
 * runs left in the shared broker — a benchmark's hundred thousand events, say — is never waited for.
 * A position at or after the start (a later rebalance) is kept, so nothing of this run is skipped.
 */
@ApplicationScoped
@Identifier(SkipEarlierRuns.NAME)
public class SkipEarlierRuns implements KafkaConsumerRebalanceListener {
    public static final String NAME = "skip-earlier-runs";
    private static final Logger LOG = Logger.getLogger(SkipEarlierRuns.class);

    private final Instant started;

    public SkipEarlierRuns() {
        this(Instant.now());
    }

    SkipEarlierRuns(Instant started) {
        this.started = started;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> atStart = new HashMap<>();
        partitions.forEach(p -> atStart.put(p, started.toEpochMilli()));
        // Ends first: a record appended after this read is one of this run's, and stays ahead of the seek.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> firstAfterStart = consumer.offsetsForTimes(atStart);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp found = firstAfterStart.get(partition);
            long start = found != null ? found.offset() : ends.get(partition);
            OffsetAndMetadata position = committed.get(partition);
            if (position == null || position.offset() < start) {
                consumer.seek(partition, start);
                LOG.debugf("%s starts at offset %d, after the records of earlier runs", partition, start);
            }
        }
    }
}
