package dev.paysaga.runtime.messaging;

import java.util.Objects;

/**
 * A message a state change causes. It is written to the outbox in the same transaction as the
 * change and relayed to Kafka after commit.
 *
 * @param topic   destination topic
 * @param key     partition key: the aggregate id, so that one aggregate's messages stay in order
 * @param type    CloudEvents {@code type}, e.g. {@code order.created}
 * @param subject CloudEvents {@code subject}: the aggregate id the event is about
 * @param sagaId  the saga the message belongs to, or {@code null}
 * @param data    the contract record, serialised as JSON
 */
public record OutgoingEvent(String topic, String key, String type, String subject, String sagaId, Object data) {
    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** An event about one aggregate, keyed and subjected by its id. */
    public static OutgoingEvent about(String topic, String aggregateId, String type, Object data) {
        return new OutgoingEvent(topic, aggregateId, type, aggregateId, null, data);
    }
}
