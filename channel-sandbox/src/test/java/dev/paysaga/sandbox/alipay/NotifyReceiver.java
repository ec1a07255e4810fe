package dev.paysaga.sandbox.alipay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The merchant's notify_url in tests: records each POSTed form and answers as scripted (then "success"). */
final class NotifyReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private volatile String thenAnswer = "success";

    NotifyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alipay/notify", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            received.add(form);
            String answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? thenAnswer : answers.poll();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Answers these first, in order, then always {@code then}. */
    NotifyReceiver answering(String then, String... first) {
        synchronized (answers) {
            answers.addAll(List.of(first));
        }
        thenAnswer = then;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alipay/notify";
    }

    List<Map<String, String>> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
