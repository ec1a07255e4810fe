package dev.paysaga.notification.stream;

/** What a live stream writes: an event, or a heartbeat. */
public sealed interface StreamFrame {
    StreamFrame HEARTBEAT = new Heartbeat();

    record Event(StreamedEvent event) implements StreamFrame {
    }

    record Heartbeat() implements StreamFrame {
    }
}
