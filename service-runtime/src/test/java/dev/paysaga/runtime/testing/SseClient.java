package dev.paysaga.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client as the HTML spec's {@code EventSource} parses a stream (fields {@code id},
 * {@code event}, {@code data}; comment lines; an event dispatched at a blank line), without its automatic
 * reconnection, so a test decides when to drop and resume. Events are collected as they arrive.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One dispatched event; {@code type} is {@code message} when the stream named none. */
    public record Event(String id, String type, String data, long receivedNanos) {
    }

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder refusal = new StringBuilder();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects; returns once the response's status and headers have arrived. */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** What arrived so far, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Comment lines received: heartbeats. */
    public int comments() {
        return comments.get();
    }

    /** The body of an answer that is not a stream (a problem), once {@link #ended}. */
    public synchronized String refusal() {
        return refusal.toString();
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended.get();
    }

    /** The id of the last event received, as an EventSource would send it in {@code Last-Event-ID}. */
    public String lastEventId() {
        String last = null;
        for (Event event : events) {
            last = event.id() != null ? event.id() : last;
        }
        return last;
    }

    /** Drops the connection, as a network failure or a closed tab would. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already gone
        }
        reader.interrupt();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            List<String> data = new ArrayList<>();
            boolean stream = response.statusCode() == 200;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!stream) {
                    synchronized (this) {
                        refusal.append(line).append('\n');
                    }
                } else if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, type == null ? "message" : type, String.join("\n", data), System.nanoTime()));
                    }
                    type = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data.add(value);
                        default -> { } // retry, and fields the spec says to ignore
                    }
                }
            }
            ended.set(true);
        } catch (IOException closed) {
            // closed by this client, or the connection broke
        }
    }
}
