package dev.paysaga.sandbox.wechatpay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The merchant's notify_url in tests: records each POST (signature headers and body), answers as scripted (then 204). */
final class WechatNotifyReceiver implements AutoCloseable {
    record Received(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    WechatNotifyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/wechatpay/notify", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new Received(Map.of(
                    "Wechatpay-Timestamp", String.valueOf(h.getFirst("Wechatpay-Timestamp")),
                    "Wechatpay-Nonce", String.valueOf(h.getFirst("Wechatpay-Nonce")),
                    "Wechatpay-Signature", String.valueOf(h.getFirst("Wechatpay-Signature")),
                    "Wechatpay-Serial", String.valueOf(h.getFirst("Wechatpay-Serial")),
                    "Content-Type", String.valueOf(h.getFirst("Content-Type"))), body));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 204 : statuses.poll();
            }
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] fail = "{\"code\":\"FAIL\",\"message\":\"失败\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, fail.length);
                exchange.getResponseBody().write(fail);
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers these statuses first, in order, then 204. */
    WechatNotifyReceiver answering(Integer... first) {
        synchronized (statuses) {
            statuses.addAll(List.of(first));
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/wechatpay/notify";
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
