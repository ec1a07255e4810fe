package dev.paysaga.sandbox.stripe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The merchant's webhook endpoint in tests: records each POST (Stripe-Signature and body), answers as scripted (then 200). */
final class StripeWebhookReceiver implements AutoCloseable {
    record Received(String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    StripeWebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stripe/webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Stripe-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    StripeWebhookReceiver answering(Integer... first) {
        synchronized (statuses) {
            statuses.addAll(List.of(first));
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stripe/webhooks";
    }

    List<Received> received() {
        return received;
    }

    /** The events received about one intent, in order. */
    List<Received> about(String intentId) {
        return received.stream().filter(r -> r.body().contains("\"id\":\"" + intentId + "\"")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
