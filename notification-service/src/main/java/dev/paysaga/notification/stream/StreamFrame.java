package dev.paysaga.notification.stream;

/** What a live stream writes: an event, a heartbeat, or (never written) the end of the stream. */
public sealed interface StreamFrame {
    StreamFrame HEARTBEAT = new Heartbeat();
    StreamFrame END = new End();

    record Event(StreamedEvent event) implements StreamFrame {
    }

    record Heartbeat() implements StreamFrame {
    }

    record End() implements StreamFrame {
    }
}
