package dev.paysaga.runtime.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A merchant's webhook receiver: a real HTTP server on loopback that records every request and answers
 * as its script says for the n-th request (1-based) of an event id, as a receiver deduplicating by
 * {@code webhook-id} would see them.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received, at {@code at} ({@link System#nanoTime()}); header names in lower case. */
    public record Received(String webhookId, Map<String, List<String>> headers, String body, long at) {
    }

    /**
     * What to answer: status and headers, at once or held until the test {@link #release releases} the
     * receiver or {@code hold} has passed.
     */
    public record Answer(int status, Map<String, String> headers, Duration hold) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        /** Hangs until released (at most 10 s), then answers: past any sender's timeout in the tests. */
        public static Answer heldThen(int status) {
            return new Answer(status, Map.of(), HOLD_AT_MOST);
        }

        /** A slow receiver: answers after {@code hold} (or when released). */
        public static Answer after(Duration hold, int status) {
            return new Answer(status, Map.of(), hold);
        }
    }

    /** A hanging request is answered after this even unreleased: it hangs, then answers too late. */
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(10);
    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> requestsPerEvent = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile IntFunction<Answer> script = n -> Answer.status(200);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    /** From now on, answer the n-th request of each event with {@code script.apply(n)}. */
    public WebhookReceiver answering(IntFunction<Answer> script) {
        this.script = script;
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> receivedFor(String eventId) {
        return received().stream().filter(r -> eventId.equals(r.webhookId())).toList();
    }

    /** The event ids this receiver has processed, each once however often it came. */
    public List<String> processedOnce() {
        return received().stream().map(Received::webhookId).distinct().toList();
    }

    /** Held requests are answered now, and later ones are not held. */
    public void release() {
        gate.countDown();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            received.add(new Received(id, Map.copyOf(headers), body, at));
            int n = requestsPerEvent.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
            Answer answer = script.apply(n);
            if (!answer.hold().isZero()) {
                try {
                    gate.await(answer.hold().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] reply = ("{\"received\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (IOException e) {
            // The sender gave up (timeout) before the answer: what it sees is what the test is about.
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
