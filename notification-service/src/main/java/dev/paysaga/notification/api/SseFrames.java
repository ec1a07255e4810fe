package dev.paysaga.notification.api;

import dev.paysaga.notification.stream.StreamFrame;
import dev.paysaga.notification.stream.StreamedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.function.Function;

/** How stream frames are written as Server-Sent Events: {@code id:} the event id, {@code event:} its type. */
final class SseFrames {
    /** The longest a stream's first step may take; then it fails, and its subscription is closed. */
    static final Duration OPENING = Duration.ofSeconds(10);

    private SseFrames() {
    }

    /**
     * Frames come from the thread that hands events to every stream; each stream writes them on its own
     * connection's event loop instead, so a thousand streams share the work across the loops.
     */
    private static Multi<StreamFrame> onThisConnection(Multi<StreamFrame> frames) {
        Context connection = Vertx.currentContext();
        return connection == null ? frames : frames.emitOn(command -> connection.runOnContext(ignored -> command.run()));
    }

    /** What a stream's first step decided: the frames to send, or that there is nothing to stream (204). */
    record Opened(Multi<StreamFrame> frames, int status) {
        static Opened streaming(Multi<StreamFrame> frames) {
            return new Opened(frames, 200);
        }

        /** For an {@code EventSource}, 204 means "stop reconnecting". */
        static Opened finished() {
            return new Opened(Multi.createFrom().empty(), 204);
        }
    }

    /**
     * Waits for the stream's first step, so that a refusal is still an HTTP status and a problem: Quarkus REST
     * writes a stream's 200 and headers as soon as a method returns its Multi. Hence {@code @Blocking}
     * stream methods; the wait is one or two indexed queries.
     */
    static Multi<OutboundSseEvent> write(Uni<Opened> opened, Sse sse, Function<StreamedEvent, String> body) {
        Opened open = opened.await().indefinitely();
        if (open.status() == 204) {
            throw new WebApplicationException(Response.noContent().build());
        }
        return onThisConnection(open.frames()).map(frame -> frame instanceof StreamFrame.Event event
                ? sse.newEventBuilder().id(event.event().id()).name(event.event().type())
                        .data(String.class, body.apply(event.event())).build()
                : sse.newEventBuilder().comment("heartbeat").build());
    }
}
