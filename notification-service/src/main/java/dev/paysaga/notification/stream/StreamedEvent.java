package dev.paysaga.notification.stream;

import java.time.Instant;

/**
 * An event with its position: its place in the order in which events became visible, which is the order
 * every stream sends them in and resumes from.
 *
 * @param data the event's data, JSON as stored
 * @param payload the event as merchants receive it ({@code EventPayload}): written once, sent to every stream
 */
public record StreamedEvent(String id, long position, String type, String subject, String merchantId, Instant occurredAt,
        String data, String payload) {
}
