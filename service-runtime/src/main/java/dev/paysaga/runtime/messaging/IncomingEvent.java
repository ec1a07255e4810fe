package dev.paysaga.runtime.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/** A CloudEvent read from Kafka, with where it came from. */
public record IncomingEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String sagaId,
        String traceparent,
        String key,
        String topic,
        int partition,
        long offset,
        byte[] data,
        ObjectMapper mapper) {

    /** The data as a contract record; unreadable data is a poison message, never retried. */
    public <T> T dataAs(Class<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            // Not the parser's message: it can quote the data, which may hold personal information.
            throw new PoisonMessageException("data of " + this.type + " " + id + " is not a valid "
                    + type.getSimpleName() + " (" + e.getClass().getSimpleName() + " at " + location(e) + ")", e);
        } catch (IOException e) {
            throw new PoisonMessageException("data of " + this.type + " " + id + " is unreadable", e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    @Override
    public String toString() {
        // Data may hold personal information: never print it.
        return "IncomingEvent[" + type + " " + id + " " + topic + "-" + partition + "@" + offset + "]";
    }
}
