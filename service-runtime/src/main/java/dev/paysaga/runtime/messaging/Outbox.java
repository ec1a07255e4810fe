package dev.paysaga.runtime.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The writing side of the transactional outbox. {@link #enqueue} must run inside the caller's
 * Panache transaction, so the message commits, or rolls back, with the state change that caused it.
 * {@link OutboxRelay} publishes it after commit.
 */
@ApplicationScoped
public class Outbox {
    // The payload parameter is typed text first: bound straight to jsonb, the driver would encode
    // the Java String as a JSON string literal instead of parsing it.
    private static final String INSERT = """
            insert into outbox_message
              (id, topic, partition_key, type, source, subject, saga_id, traceparent, payload)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(cast(?9 as text) as jsonb))""";

    private final ObjectMapper mapper;
    private final String source;

    Outbox(ObjectMapper mapper, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.mapper = mapper;
        this.source = "/paysaga/" + application;
    }

    /** Adds the event to the current transaction's outbox and returns its message id. */
    public Uni<String> enqueue(OutgoingEvent event) {
        String id = Ids.uuidV7().toString();
        String payload = toJson(event.data());
        String traceparent = TraceContext.currentTraceparent();
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.enqueue outside a transaction: the message would not commit with its state change"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, id)
                        .setParameter(2, event.topic())
                        .setParameter(3, event.key())
                        .setParameter(4, event.type())
                        .setParameter(5, source)
                        .setParameter(6, event.subject())
                        .setParameter(7, event.sagaId())
                        .setParameter(8, traceparent)
                        .setParameter(9, payload)
                        .executeUpdate())
                .replaceWith(id);
    }

    private String toJson(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + data.getClass().getName(), e);
        }
    }
}
