package dev.paysaga.runtime.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer. {@link #process} records the message id and applies the handler's
 * effect in one transaction: a redelivered message finds its id already recorded, changes nothing
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
     * Applies {@code handler} to the message once per {@code consumer}, in one transaction with
     * the inbox record, then acknowledges it (or nacks it towards the dead-letter topic).
     */
    public Uni<Void> process(String consumer, Message<byte[]> message, Function<IncomingEvent, Uni<Void>> handler) {
        IncomingEvent event;
        try {
            event = read(message);
        } catch (PoisonMessageException e) {
            return reject(consumer, message, e);
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(RECORD)
                                .setParameter(1, consumer)
                                .setParameter(2, event.id())
                                .setParameter(3, event.type())
                                .executeUpdate())
                        .chain(inserted -> inserted == 1 ? handler.apply(event).replaceWith(true) : Uni.createFrom().item(false)))
                .onFailure(failure -> !(failure instanceof PoisonMessageException))
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(maxAttempts - 1L)
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure != null) {
                        return reject(consumer, message, failure);
                    }
                    registry.counter("paysaga.inbox.messages", "consumer", consumer,
                            "outcome", applied ? "applied" : "duplicate").increment();
                    if (!applied) {
                        LOG.debugf("%s: duplicate %s ignored", consumer, event);
                    }
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    /**
     * As {@link #process}, for a consumer that acts on some event types only: a message of another
     * type is acknowledged at once, without a transaction. It changes nothing, so there is nothing to
     * remember of it, and a topic's other events cost the consumer no database round trip.
     */
    public Uni<Void> process(String consumer, Message<byte[]> message, Set<String> types,
            Function<IncomingEvent, Uni<Void>> handler) {
        String type = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> header(kafka.getHeaders(), CloudEventHeaders.TYPE)).orElse(null);
        if (type != null && !types.contains(type)) {
            registry.counter("paysaga.inbox.messages", "consumer", consumer, "outcome", "ignored").increment();
            return Uni.createFrom().completionStage(message.ack());
        }
        return process(consumer, message, handler);
    }

    private Uni<Void> reject(String consumer, Message<byte[]> message, Throwable reason) {
        registry.counter("paysaga.inbox.messages", "consumer", consumer, "outcome", "dead_lettered").increment();
        LOG.warnf("%s: message dead-lettered: %s", consumer, reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
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
