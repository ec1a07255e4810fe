package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API through the real gateway (nginx, started by deploy/local/platform.sh up): routing by
 * deploy/routes.txt, nothing else reachable, request ids, limits and headers.
 */
class GatewayTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void suite() throws Exception {
        Suite.ensureRunning();
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(Suite.GATEWAY + "/")).build(), BodyHandlers.discarding());
        } catch (ConnectException e) {
            throw new IllegalStateException("no gateway on " + Suite.GATEWAY + ": start it with deploy/local/platform.sh up", e);
        }
    }

    @Test
    void aRoutedRequestReachesItsServiceAndAnswersAsItDoes() throws Exception {
        String sku = "sku_gw_" + UUID.randomUUID();
        HttpResponse<String> put = send("PUT", Suite.GATEWAY + "/v1/inventory/" + sku, "{\"on_hand\":7}", Map.of());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(7, JSON.readTree(put.body()).get("available").asInt());

        HttpResponse<String> viaGateway = send("GET", Suite.GATEWAY + "/v1/inventory/" + sku, null, Map.of());
        HttpResponse<String> direct = send("GET", Suite.url("order-service") + "/v1/inventory/" + sku, null, Map.of());
        assertEquals(200, viaGateway.statusCode());
        assertEquals(JSON.readTree(direct.body()), JSON.readTree(viaGateway.body()));
        assertEquals("nosniff", viaGateway.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-store", viaGateway.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nginx", viaGateway.headers().firstValue("Server").orElse(null), "no version disclosed");

        // A service's own refusal passes through untouched.
        HttpResponse<String> missing = send("GET", Suite.GATEWAY + "/v1/orders/ord_" + UUID.randomUUID(), null, Map.of());
        assertProblem(missing, 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/v1/channel_transactions/pay_gw", "/q/health", "/q/health/ready", "/q/metrics",
            "/q/openapi", "/admin/channels/alipay", "/v1/ordersX", "/v2/orders", "/", "/_gateway/not_found",
            "/v1/orders/%2e%2e/%2e%2e/internal/v1/channel_transactions/pay_gw", "/v1/orders/../../q/metrics"})
    void whatIsNotInTheRoutingTableIsNotFound(String path) throws Exception {
        HttpResponse<String> response = send("GET", Suite.GATEWAY + path, null, Map.of());
        assertProblem(response, 404, "not_found");
        assertEquals("No such resource", JSON.readTree(response.body()).get("detail").asText());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void aSaneRequestIdIsKeptEchoedAndReachesTheServiceLog() throws Exception {
        String id = "gw-" + UUID.randomUUID();
        // A forged Alipay notification: channel-router refuses it and logs why, on the request's context.
        HttpResponse<String> response = send("POST", Suite.GATEWAY + "/callbacks/alipay", "out_trade_no=pay_gw&sign=forged",
                Map.of("X-Request-Id", id, "Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(400, response.statusCode());
        assertEquals(id, response.headers().firstValue("X-Request-Id").orElse(null));

        Path serviceLog = Suite.ROOT.resolve(".paysaga/logs/channel-router-service.log");
        Path accessLog = Suite.ROOT.resolve(".paysaga/gateway/access.log");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertTrue(Files.readAllLines(serviceLog).stream().anyMatch(l -> l.contains(id) && l.contains("notification refused")),
                    "the service's log line carries the request id");
            assertTrue(Files.readAllLines(accessLog).stream().anyMatch(l -> l.contains("request_id=" + id)),
                    "the gateway's access log carries it");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "slash/in"})
    void anAbsentOrInsaneRequestIdIsReplacedByTheGateways(String given) throws Exception {
        Map<String, String> headers = given.isEmpty() ? Map.of() : Map.of("X-Request-Id", given);
        HttpResponse<String> response = send("GET", Suite.GATEWAY + "/v1/sagas/sag_" + UUID.randomUUID(), null, headers);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals(given, id);
    }

    @Test
    void tooLongARequestIdIsReplaced() throws Exception {
        String longId = "a".repeat(129);
        HttpResponse<String> response = send("GET", Suite.GATEWAY + "/v1/sagas/sag_" + UUID.randomUUID(), null,
                Map.of("X-Request-Id", longId));
        assertTrue(response.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f]{32}"));
        String exact = "b".repeat(128);
        assertEquals(exact, send("GET", Suite.GATEWAY + "/v1/sagas/sag_x", null, Map.of("X-Request-Id", exact))
                .headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedAtTheEdge() throws Exception {
        String body = "{\"merchant_id\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = send("POST", Suite.GATEWAY + "/v1/orders", body, Map.of());
        assertProblem(response, 413, "invalid_request");
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void aUrlTooLongIsRefusedAtTheEdge() throws Exception {
        assertProblem(send("GET", Suite.GATEWAY + "/v1/orders/" + "o".repeat(20_000), null, Map.of()), 414, "invalid_request");
    }

    /**
     * A service's HTTP parser answers a control character in a header with a bare 400; the edge refuses it first,
     * as a problem, and nothing reaches a service. Java's HTTP client will not send such a header: it is written
     * on a socket, as any client could.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x09, 0x1f, 0x7f})
    void anIdempotencyKeyWithAControlCharacterIsRefusedAtTheEdge(int control) throws Exception {
        String id = "gw-" + UUID.randomUUID();
        String body = "{}";
        URI gateway = URI.create(Suite.GATEWAY);
        String answer;
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /v1/orders HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer "
                    + Callers.merchantKey() + "\r\nIdempotency-Key: key" + (char) control + "x\r\nX-Request-Id: " + id
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
        JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals("invalid_request", problem.get("code").asText());
        assertEquals("Idempotency-Key", problem.get("param").asText());
        Path accessLog = Suite.ROOT.resolve(".paysaga/gateway/access.log");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(Files.readAllLines(accessLog).stream()
                .anyMatch(l -> l.contains("request_id=" + id) && l.contains("upstream=- ")), "no service was asked"));
    }

    @Test
    void theAggregatedOpenApiDocumentIsServedAndHoldsOnlyRoutedPaths() throws Exception {
        HttpResponse<String> response = send("GET", Suite.GATEWAY + "/openapi.json", null, Map.of());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode doc = JSON.readTree(response.body());
        assertEquals(JSON.readTree(Files.readString(OpenApiAggregate.COMMITTED)), doc);
        doc.get("paths").fieldNames().forEachRemaining(path ->
                assertTrue(Routes.serviceOf(path).isPresent(), path + " is served but not routed"));
        assertTrue(doc.get("paths").has("/v1/orders/{id}/pay"));
    }

    /** reconciliation-service is stopped for a moment: the gateway answers for it, then routes to it again. */
    @Test
    void aServiceThatIsDownIsUnavailableNotAnHtmlPage() throws Exception {
        String service = Routes.PREFIXES.get("/v1/reconciliation");
        Suite.services("stop", Map.of(), service);
        try {
            assertProblem(send("GET", Suite.GATEWAY + "/v1/reconciliation/runs/rcr_gw", null, Map.of()), 503, "service_unavailable");
        } finally {
            Suite.start(service, Map.of());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(404, send("GET",
                Suite.GATEWAY + "/v1/reconciliation/runs/rcr_gw", null, Map.of("Authorization", "Bearer " + Callers.platformKey()))
                .statusCode(), "the service's own answer: no such run"));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertEquals(code, problem.get("code").asText());
        assertEquals("https://paysaga.dev/errors/" + code, problem.get("type").asText());
    }

    private static HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Authorization", "Bearer " + Callers.merchantKey()); // the merchant, as a merchant's client calls
        headers.forEach(request::setHeader);
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
