package dev.paysaga.runtime.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer. {@link #processBatch} records each message's id and applies the handler's
 * effect in the same transaction: a redelivered message finds its id already recorded, changes nothing
 * and is acknowledged. A message that cannot be processed is nacked, and the channel's
 * {@code dead-letter-queue} failure strategy moves it, with the reason, to its dead-letter topic
 * so that the partition goes on.
 *
 * <p>Failures other than {@link PoisonMessageException} are retried in place with backoff first,
 * since most are transient (a lock timeout, a database restart).
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String RECORD = """
            insert into inbox_message (consumer, message_id, message_type, received_at)
            values (?1, ?2, ?3, now()) on conflict do nothing""";

    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final int maxAttempts;
    private final Duration initialBackoff;

    Inbox(ObjectMapper mapper, MeterRegistry registry,
            @ConfigProperty(name = "paysaga.inbox.max-attempts", defaultValue = "5") int maxAttempts,
            @ConfigProperty(name = "paysaga.inbox.initial-backoff", defaultValue = "PT0.2S") Duration initialBackoff) {
        this.mapper = mapper;
        this.registry = registry;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
    }

    /**
     * Applies a poll's records, each once per {@code consumer}, in <em>one</em> transaction: inbox
     * records and effects in the records' order, so the commit, the inbox and the framework are paid
     * per poll, not per message. If that transaction fails, the records are applied again one by one,
     * each in a transaction of its own, so that a poison message is dead-lettered alone and a transient
     * failure retried. The batch is acknowledged only when every record was applied or dead-lettered: a
     * committed offset never passes a record that has neither happened.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<String, byte[]> batch,
            Function<IncomingEvent, Uni<Void>> handler) {
        return processBatch(consumer, batch, null, handler);
    }

    /**
     * As {@link #processBatch}, for a consumer that acts on some event types only: a record of another
     * type changes nothing, so there is nothing to remember of it, and a topic's other events cost the
     * consumer no database work.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<String, byte[]> batch, Set<String> types,
            Function<IncomingEvent, Uni<Void>> handler) {
        List<Message<byte[]>> messages = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        List<Supplier<Uni<Void>>> rejections = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            if (types != null && ignores(consumer, record, types)) {
                continue;
            }
            try {
                events.add(read(record));
                messages.add(record);
            } catch (PoisonMessageException e) {
                rejections.add(() -> reject(consumer, record, e));
            }
        }
        Uni<Void> applied = events.isEmpty() ? Uni.createFrom().voidItem()
                : applyTogether(consumer, events, handler)
                        .onFailure().recoverWithUni(failure -> {
                            LOG.debugf("%s: a batch of %d failed (%s), applying it one by one", consumer, events.size(),
                                    failure.getMessage());
                            return applyOneByOne(consumer, messages, events, handler);
                        });
        for (Supplier<Uni<Void>> rejection : rejections) {
            applied = applied.chain(() -> rejection.get());
        }
        return applied.chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> applyTogether(String consumer, List<IncomingEvent> events,
            Function<IncomingEvent, Uni<Void>> handler) {
        int[] applied = new int[1];
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (IncomingEvent event : events) {
                        // Each event sees the effects of those before it, as it would one transaction later;
                        // flushed and cleared, the session holds no stale entity into the next event.
                        chain = chain.invoke(() -> TraceContext.applying(event))
                                .chain(() -> record(session, consumer, event))
                                .chain(inserted -> inserted != 1 ? Uni.createFrom().voidItem()
                                        : handler.apply(event)
                                                .chain(session::flush)
                                                .invoke(() -> {
                                                    session.clear();
                                                    applied[0]++;
                                                }));
                    }
                    return chain;
                }))
                .eventually(() -> TraceContext.applying(null))
                .invoke(() -> {
                    count(consumer, "applied", applied[0]);
                    count(consumer, "duplicate", events.size() - applied[0]);
                });
    }

    private Uni<Void> applyOneByOne(String consumer, List<Message<byte[]>> messages, List<IncomingEvent> events,
            Function<IncomingEvent, Uni<Void>> handler) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            Message<byte[]> message = messages.get(i);
            IncomingEvent event = events.get(i);
            chain = chain.invoke(() -> TraceContext.applying(event))
                    .chain(() -> applyOnce(consumer, message, event, handler)).replaceWithVoid();
        }
        return chain.eventually(() -> TraceContext.applying(null));
    }

    /**
     * The event's inbox record and effect in a transaction of its own, retried with backoff unless the
     * message is poison; a message that cannot be applied is dead-lettered (false). Does not acknowledge.
     */
    private Uni<Boolean> applyOnce(String consumer, Message<byte[]> message, IncomingEvent event,
            Function<IncomingEvent, Uni<Void>> handler) {
        // A retry is resubscribed after its back-off on a timer thread: each attempt starts again on this context.
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> record(session, consumer, event))
                        .chain(inserted -> inserted == 1 ? handler.apply(event).replaceWith(true) : Uni.createFrom().item(false)))
                .runSubscriptionOn(thisContext())
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(maxAttempts - 1L)
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure != null) {
                        return reject(consumer, message, failure).replaceWith(false);
                    }
                    count(consumer, applied ? "applied" : "duplicate", 1);
                    if (!applied) {
                        LOG.debugf("%s: duplicate %s ignored", consumer, event);
                    }
                    return Uni.createFrom().item(true);
                });
    }

    private static Uni<Integer> record(Mutiny.Session session, String consumer, IncomingEvent event) {
        return session.createNativeQuery(RECORD)
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type())
                .executeUpdate();
    }

    /** A message of a type the consumer does not act on: counted, and nothing else to do. */
    private boolean ignores(String consumer, Message<byte[]> message, Set<String> types) {
        String type = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> header(kafka.getHeaders(), CloudEventHeaders.TYPE)).orElse(null);
        if (type != null && !types.contains(type)) {
            count(consumer, "ignored", 1);
            return true;
        }
        return false;
    }

    private void count(String consumer, String outcome, int messages) {
        if (messages > 0) {
            registry.counter("paysaga.inbox.messages", "consumer", consumer, "outcome", outcome).increment(messages);
        }
    }

    private Uni<Void> reject(String consumer, Message<byte[]> message, Throwable reason) {
        count(consumer, "dead_lettered", 1);
        LOG.warnf("%s: message dead-lettered: %s", consumer, reason.getMessage());
        // The nack completes when the dead-letter producer has the record, on its own thread: the batch goes on
        // (the next event's transaction) on the context it runs on, the one Hibernate Reactive requires.
        return Uni.createFrom().completionStage(message.nack(reason)).emitOn(thisContext());
    }

    /** Runs a task on the current Vert.x context (the message's), or at once where there is none. */
    private static Executor thisContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    IncomingEvent read(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Inbox only reads Kafka records"));
        Headers headers = kafka.getHeaders();
        String id = required(headers, CloudEventHeaders.ID);
        String type = required(headers, CloudEventHeaders.TYPE);
        byte[] data = message.getPayload();
        if (data == null || data.length == 0) {
            throw new PoisonMessageException("message " + id + " has no data");
        }
        return new IncomingEvent(id, type,
                header(headers, CloudEventHeaders.SOURCE),
                header(headers, CloudEventHeaders.SUBJECT),
                time(header(headers, CloudEventHeaders.TIME)),
                header(headers, CloudEventHeaders.SAGA_ID),
                header(headers, CloudEventHeaders.TRACEPARENT),
                kafka.getKey() == null ? null : kafka.getKey().toString(),
                kafka.getTopic(), kafka.getPartition(), kafka.getOffset(),
                data, mapper);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("missing CloudEvents header " + name);
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("ce_time is not RFC 3339: " + value);
        }
    }
}
