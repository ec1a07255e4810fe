package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.runtime.testing.SseClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live push as buyers and merchants get it: a buyer's page in headless Chromium, behind the gateway, sees
 * its payment succeed; merchant streams on two notification-service replicas see the same events in the
 * same order, and a stream dropped on one replica resumes on the other with exactly what it missed.
 */
class LiveStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String REPLICA = "notification-service-2";
    private static final String REPLICA_URL = "http://127.0.0.1:18085";

    private final List<SseClient> streams = new ArrayList<>();

    @BeforeAll
    static void suiteWithASecondNotificationReplica() {
        Suite.ensureRunning();
        Suite.services("replica", Map.of(), "notification-service");
        Suite.services("wait", Map.of(), REPLICA);
    }

    @AfterAll
    static void stopTheReplica() {
        Suite.services("stop", Map.of(), REPLICA);
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(SseClient::close);
        given().contentType(ContentType.JSON).body("{}").put(Suite.url("channel-sandbox") + "/admin/channels/alipay")
                .then().statusCode(200);
    }

    @Test
    void aBuyersPageInARealBrowserSeesItsPaymentSucceed() throws IOException {
        // The simulated customer pays the QR code 3 s after it is created: the page is open before.
        given().contentType(ContentType.JSON).body("{\"latency_millis\":3000}")
                .put(Suite.url("channel-sandbox") + "/admin/channels/alipay").then().statusCode(200);
        String orderId = Payments.order(Payments.customer(), Orders.stockedSku(10), 2);
        JsonPath started = given().contentType(ContentType.JSON).body("{\"method\":\"alipay\",\"terminal\":\"web\"}")
                .post(Suite.GATEWAY + "/v1/orders/" + orderId + "/pay").then().statusCode(202).extract().jsonPath();
        String page = Suite.GATEWAY + "/hosted/payment-status.html?payment_id=" + started.getString("payment_id")
                + "&client_secret=" + started.getString("client_secret");

        try (Browser browser = Browser.headlessChromium()) {
            browser.open(page);
            await().atMost(WITHIN).until(() -> "succeeded".equals(browser.text("#status")));
            assertEquals("30.00 CNY", browser.text("#amount"));
            assertEquals(started.getString("payment_id"), browser.text("#payment"));
            Path screenshot = browser.screenshot(Suite.ROOT.resolve("e2e-tests/target/screenshots/payment-status-succeeded.png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(screenshot), 4));
        }
        assertEquals("succeeded", Payments.payment(started.getString("payment_id")).getString("status"));
    }

    @Test
    void everyReplicaServesEveryStreamAndAStreamDroppedOnOneResumesOnTheOtherWithExactlyWhatItMissed() {
        String key = Callers.merchantKey();
        SseClient onFirst = open(Suite.url("notification-service") + "/v1/events/stream", Map.of("Authorization", "Bearer " + key));
        SseClient onSecond = open(REPLICA_URL + "/v1/events/stream", Map.of("Authorization", "Bearer " + key));
        String customer = Payments.customer();
        Payments.topUp(customer, 100_000);

        String before = Payments.paidOrder(customer, WITHIN).getString("id");
        await().atMost(WITHIN).until(() -> succeeded(onFirst).contains(before) && succeeded(onSecond).contains(before));
        String lastSeen = onFirst.lastEventId();
        onFirst.close();
        String missedOne = Payments.paidOrder(customer, WITHIN).getString("id");
        String missedTwo = Payments.paidOrder(customer, WITHIN).getString("id");

        SseClient resumed = open(REPLICA_URL + "/v1/events/stream",
                Map.of("Authorization", "Bearer " + key, "Last-Event-ID", lastSeen));
        await().atMost(WITHIN).until(() -> succeeded(resumed).containsAll(List.of(missedOne, missedTwo))
                && succeeded(onSecond).containsAll(List.of(missedOne, missedTwo)));

        // What the stream that stayed open saw after lastSeen, the resumed one got: the same events, once, in order.
        List<String> stayed = ids(onSecond);
        List<String> expected = stayed.subList(stayed.indexOf(lastSeen) + 1, stayed.size());
        List<String> got = ids(resumed);
        int common = Math.min(expected.size(), got.size());
        assertEquals(expected.subList(0, common), got.subList(0, common));
        assertTrue(common >= 2, "at least the two missed payments: " + got);
        assertEquals(got.size(), got.stream().distinct().count(), "none twice");
        assertFalse(got.contains(lastSeen), "nothing from before the drop");
    }

    private SseClient open(String url, Map<String, String> headers) {
        SseClient stream = SseClient.open(url, headers);
        streams.add(stream);
        assertEquals(200, stream.status(), url);
        return stream;
    }

    /** The payments a stream has seen succeed. */
    private static List<String> succeeded(SseClient stream) {
        return stream.events().stream().filter(event -> event.type().equals("payment.succeeded"))
                .map(event -> read(event.data()).at("/data/id").asText()).toList();
    }

    private static List<String> ids(SseClient stream) {
        return stream.events().stream().map(SseClient.Event::id).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
