package dev.paysaga.payment.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * channel-router-service's internal API as payment-service calls it, checking what the real router checks
 * first: the service credential (401 {@code unauthenticated} without it). Answers every call a payment makes
 * (its attempts, capture, close, refund, abandon) with a plain success, and records who asked.
 */
public class FakeChannelRouter implements QuarkusTestResourceLifecycleManager {
    public static final String BASE = "/internal/v1/channel_transactions/";
    private static final Pattern REFUND_ID = Pattern.compile("\"refund_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** One request as it arrived: its method, path and Authorization header. */
    public record Received(String method, String path, String authorization) {
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.channel-router.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            RECEIVED.add(new Received(method, path, authorization));
            if (!("Bearer " + TestCredentials.SERVICE).equals(authorization)) {
                reply(exchange, 401, "application/problem+json", "{\"status\":401,\"code\":\"unauthenticated\"}");
                return;
            }
            String answer = answer(method, path.startsWith(BASE) ? path.substring(BASE.length()).split("/") : null, body);
            if (answer == null) {
                reply(exchange, 404, "application/problem+json", "{\"status\":404,\"code\":\"not_found\"}");
                return;
            }
            reply(exchange, 200, "application/json", answer);
        }
    }

    /** {@code parts}: the path after {@link #BASE}, e.g. {@code [pay_1, refunds, re_1, abandon]}. */
    private static String answer(String method, String[] parts, String body) {
        if (parts == null) {
            return null;
        }
        if (method.equals("GET") && parts.length == 1) {
            return """
                    {"payment_id":"%s","attempts":[{"channel":"alipay","reason":"the fake router's only channel",\
                    "outcome":"created","at":"2026-12-03T00:00:00Z"}]}""".formatted(parts[0]);
        }
        if (!method.equals("POST") || parts.length < 2) {
            return null;
        }
        return switch (parts[1] + "/" + parts.length) {
            case "capture/2" -> "{\"status\":\"captured\"}";
            case "close/2" -> "{\"status\":\"closed\"}";
            case "refunds/2" -> refund(refundId(body), "succeeded", null);
            case "refunds/4" -> parts[3].equals("abandon") ? refund(parts[2], "failed", "abandoned") : null;
            default -> null;
        };
    }

    private static String refundId(String body) {
        Matcher m = REFUND_ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String refund(String refundId, String status, String failureCode) {
        return "{\"refund_id\":\"%s\",\"status\":\"%s\",\"failure_code\":%s}".formatted(refundId, status,
                failureCode == null ? "null" : "\"" + failureCode + "\"");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
