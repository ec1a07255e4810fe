package dev.paysaga.notification.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * An event as merchants receive it, by webhook and on their live stream: {@code {"id","type","created","data"}},
 * named as {@code GET /v1/events/{id}} names them.
 */
@Singleton
public class EventPayload {
    private final ObjectMapper mapper;

    EventPayload(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param data the event's data, JSON as stored */
    public String of(String id, String type, Instant created, String data) {
        ObjectNode body = mapper.createObjectNode()
                .put("id", id)
                .put("type", type)
                .put("created", created.toString());
        body.putRawValue("data", new RawValue(data));
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + id + " cannot be written", e);
        }
    }
}
