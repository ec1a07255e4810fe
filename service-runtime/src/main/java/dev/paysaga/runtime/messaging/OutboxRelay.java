package dev.paysaga.runtime.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes committed outbox rows to Kafka and marks them sent.
 *
 * <p>It wakes on commit ({@link CommitWakeups}): an insert trigger raises {@code NOTIFY paysaga_outbox},
 * which PostgreSQL delivers only when the inserting transaction commits. A slow sweep is only the safety
 * net for a notification lost while the listening connection was down.
 *
 * <p>Several replicas may relay at once. A batch is claimed with {@code FOR UPDATE SKIP LOCKED},
 * and a transaction-scoped advisory lock per partition key keeps one key's rows with one relay at
 * a time, so per-aggregate order survives concurrent relays. Rows are marked sent only after
 * Kafka acknowledged them (acks=all, idempotent producer): a crash in between re-publishes, and
 * consumers' inboxes drop the duplicate.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "paysaga_outbox";
    /** Namespace of the per-key advisory locks ("PSOB"); a test holding one keeps the relay off that key's rows. */
    public static final int LOCK_NAMESPACE = 0x50534F42;

    private static final String CLAIM = """
            select id, topic, partition_key, type, source, subject, saga_id, traceparent,
                   payload::text as payload, created_at
              from outbox_message
             where sent_at is null
               and pg_try_advisory_xact_lock(%d, hashtext(partition_key))
             order by position
             limit $1
               for update skip locked""".formatted(LOCK_NAMESPACE);
    private static final String MARK_SENT = "update outbox_message set sent_at = now() where id = any($1)";
    /** Both from the unsent rows' partial index: the oldest row is the lowest position still unsent. */
    private static final String PENDING = """
            select (select count(*) from outbox_message where sent_at is null),
                   coalesce((select extract(epoch from clock_timestamp() - created_at) from outbox_message
                              where sent_at is null order by position limit 1), 0)::float8""";

    private final AtomicLong pending = new AtomicLong();
    /** Seconds the oldest unsent row has waited: grows when the relay is stuck, however little is pending. */
    private final AtomicReference<Double> oldestPendingAge = new AtomicReference<>(0.0);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    CommitWakeups wakeups;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("paysaga-outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<byte[]> kafka;

    @ConfigProperty(name = "paysaga.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "paysaga.outbox.relay.batch-size", defaultValue = "256")
    int batchSize;
    @ConfigProperty(name = "paysaga.outbox.relay.sweep-interval", defaultValue = "PT2S")
    Duration sweepInterval;
    /**
     * Fault injection for crash tests only: halt the JVM after Kafka acknowledged a batch and before
     * it is marked sent, the one window in which a crash makes the relay publish twice.
     */
    @ConfigProperty(name = "paysaga.fault.halt-after-publish", defaultValue = "false")
    boolean haltAfterPublish;

    private Timer publishLatency;
    private long pendingTimer = -1;

    void start(@Observes StartupEvent event) {
        registry.gauge("paysaga.outbox.pending", pending);
        Gauge.builder("paysaga.outbox.oldest.pending.age", oldestPendingAge, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet acknowledged by Kafka, as last counted")
                .register(registry);
        publishLatency = Timer.builder("paysaga.outbox.publish.latency")
                .description("Time from outbox commit to Kafka acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
        if (!enabled) {
            LOG.warn("Outbox relay disabled (paysaga.outbox.relay.enabled=false): messages stay in the outbox");
            return;
        }
        wakeups.listen(CHANNEL, sweepInterval, () -> relayBatch().map(relayed -> relayed == batchSize));
        pendingTimer = vertx.setPeriodic(sweepInterval.toMillis(), id -> refreshPending());
    }

    void stop(@Observes ShutdownEvent event) {
        if (pendingTimer >= 0) {
            vertx.cancelTimer(pendingTimer);
        }
    }

    private Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    List<String> ids = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        ids.add(row.getString("id"));
                        sends.add(publish(row));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .invoke(() -> {
                                if (haltAfterPublish) {
                                    LOG.errorf("Fault injection: halting after publishing %d messages, before marking them sent", ids.size());
                                    Runtime.getRuntime().halt(137);
                                }
                            })
                            .chain(() -> markSent(connection, ids))
                            .replaceWith(ids.size());
                }));
    }

    private Uni<Void> publish(Row row) {
        OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getString("id"));
        header(headers, CloudEventHeaders.SOURCE, row.getString("source"));
        header(headers, CloudEventHeaders.TYPE, row.getString("type"));
        header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        header(headers, CloudEventHeaders.TIME, createdAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(headers, CloudEventHeaders.SAGA_ID, row.getString("saga_id"));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(headers, CloudEventHeaders.TRACEPARENT, row.getString("traceparent"));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("partition_key"))
                .withHeaders(headers)
                .build();
        byte[] payload = row.getString("payload").getBytes(StandardCharsets.UTF_8);
        return kafka.sendMessage(Message.of(payload).addMetadata(metadata))
                .invoke(() -> publishLatency.record(
                        Duration.between(createdAt.toInstant(), java.time.Instant.now()).toNanos(), TimeUnit.NANOSECONDS));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Uni<Void> markSent(SqlConnection connection, List<String> ids) {
        return connection.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(String[]::new))).replaceWithVoid();
    }

    private void refreshPending() {
        pool.query(PENDING).execute().subscribe().with(
                rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong(0));
                    oldestPendingAge.set(row.getDouble(1));
                },
                failure -> LOG.debugf("Cannot count pending outbox rows: %s", failure.getMessage()));
    }
}
