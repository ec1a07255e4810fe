package dev.paysaga.notification.api;

import static dev.paysaga.notification.testing.RelayedMessages.bytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.notification.testing.RelayedMessages;
import dev.paysaga.runtime.auth.StreamSecrets;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.ConsumerAssignments;
import dev.paysaga.runtime.testing.SseClient;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live streams as a browser's EventSource sees them, over real HTTP, fed by payment events that come
 * through the real broker. The merchant's stream is the fixed test merchant A's: other tests' events of A
 * may pass by, so assertions are about this test's own payments.
 */
@QuarkusTest
class LiveStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id")
    String group;
    @TestHTTPResource("/")
    URL base;
    @Inject
    StreamSecrets streamSecrets;

    private final List<SseClient> clients = new ArrayList<>();
    private RelayedMessages relay;

    @BeforeEach
    void connect() {
        // Events published before the service holds every partition would wait out a rebalance.
        ConsumerAssignments.awaitAssigned(bootstrap, group, "payment.events");
        relay = new RelayedMessages(bootstrap);
    }

    @AfterEach
    void disconnect() {
        clients.forEach(SseClient::close);
        relay.close();
    }

    @Test
    void aMerchantsStreamIsLiveAndResumesWithExactlyTheEventsItMissed() {
        SseClient first = merchantStream(Map.of());
        assertEquals(200, first.status());
        assertTrue(first.header("content-type").startsWith("text/event-stream"), first.header("content-type"));
        Set<String> before = publish(TestCredentials.MERCHANT_A, 3);
        await().atMost(WITHIN).until(() -> payments(first).containsAll(before));
        String lastSeen = first.lastEventId();
        first.close();

        Set<String> missed = publish(TestCredentials.MERCHANT_A, 4);
        Set<String> othersEvents = publish(TestCredentials.MERCHANT_B, 2);
        SseClient resumed = merchantStream(Map.of("Last-Event-ID", lastSeen));
        await().atMost(WITHIN).until(() -> payments(resumed).containsAll(missed));
        Set<String> after = publish(TestCredentials.MERCHANT_A, 2);
        await().atMost(WITHIN).until(() -> payments(resumed).containsAll(after));

        List<String> ours = payments(resumed).stream()
                .filter(payment -> missed.contains(payment) || after.contains(payment) || before.contains(payment)).toList();
        Set<String> expected = new TreeSet<>(missed);
        expected.addAll(after);
        assertEquals(expected, new TreeSet<>(ours), "the missed events and the new ones, none from before the drop");
        assertEquals(expected.size(), ours.size(), "each once");
        assertTrue(payments(resumed).stream().noneMatch(othersEvents::contains), "never another merchant's");
        SseClient.Event event = resumed.events().get(0);
        assertEquals("payment.succeeded", event.type());
        assertTrue(event.id().startsWith("evt_"), event.id());
        assertEquals(event.id(), body(event).get("id").asText(), "the SSE id is the event's id");
        assertEquals(TestCredentials.MERCHANT_A, body(event).at("/data/merchant_id").asText());
    }

    @Test
    void aClientFarBehindCatchesUpOverSeveralConnectionsWithoutLosingAnEvent() {
        SseClient first = merchantStream(Map.of());
        SseClient watcher = merchantStream(Map.of());
        String marker = publish(TestCredentials.MERCHANT_A, 1).iterator().next();
        await().atMost(WITHIN).until(() -> payments(first).contains(marker));
        String lastSeen = first.lastEventId();
        first.close();
        Set<String> missed = publish(TestCredentials.MERCHANT_A, 70); // more than one connection's backlog (50 here)
        // All of them stored before the client comes back, so its backlog is longer than one connection sends.
        await().atMost(WITHIN).until(() -> payments(watcher).containsAll(missed));

        List<String> received = new ArrayList<>();
        int connection = 0;
        while (!received.containsAll(missed)) {
            connection++;
            assertTrue(connection <= 4, "caught up within four connections: " + received.size() + " of " + missed.size());
            SseClient resumed = merchantStream(Map.of("Last-Event-ID", lastSeen));
            // A connection ends after a full backlog; the last one stays live with the rest of what was missed.
            await().atMost(WITHIN).until(() -> resumed.ended() || caughtUp(received, payments(resumed), missed));
            received.addAll(payments(resumed));
            lastSeen = resumed.lastEventId();
            resumed.close();
        }
        List<String> ours = received.stream().filter(missed::contains).toList();
        assertEquals(missed.size(), ours.size(), "each missed event once");
        assertTrue(connection >= 2, "a backlog of 70 takes more than one connection of 50");
    }

    @Test
    void aQuietStreamHearsHeartbeats() {
        SseClient quiet = merchantStream(Map.of());

        await().atMost(WITHIN).until(() -> quiet.comments() >= 2); // every 0.5 s in the test profile
        assertFalse(quiet.ended());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no key                            | NONE                            | NONE        | 401 | unauthenticated   | NONE
            a key without events:read         | rk_test_XywPULFwIvdVXGl7UwvKDdoWBcHJisUr1S1JoI | NONE | 403 | permission_denied | events:read
            Last-Event-ID not an event id     | sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU | nonsense | 400 | invalid_request | Last-Event-ID
            Last-Event-ID no event at all     | sk_test_lseIaZmMGlUxgJ2T9bKC7XJSMlOcVjm51eOKWU | evt_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3 | 400 | invalid_request | Last-Event-ID
            """)
    void aStreamThatCannotBeOpenedIsAProblem(String name, String key, String lastEventId, int status, String code,
            String param) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (!key.equals("NONE")) {
            headers.put("Authorization", "Bearer " + key);
        }
        if (!lastEventId.equals("NONE")) {
            headers.put("Last-Event-ID", lastEventId);
        }
        assertProblem(open("v1/events/stream", headers), status, code, param.equals("NONE") ? null : param);
    }

    @Test
    void anotherMerchantsEventIdDoesNotResumeAStream() {
        publish(TestCredentials.MERCHANT_B, 1);
        SseClient bStream = open("v1/events/stream", Map.of("Authorization", "Bearer " + TestCredentials.B_SECRET));
        String bPayment = publish(TestCredentials.MERCHANT_B, 1).iterator().next();
        await().atMost(WITHIN).until(() -> payments(bStream).contains(bPayment));

        SseClient asA = merchantStream(Map.of("Last-Event-ID", bStream.lastEventId()));

        assertProblem(asA, 400, "invalid_request", "Last-Event-ID");
    }

    @Test
    void aPaymentsStreamSendsTheBuyerItsOutcomeThenEndsAndAReconnectIsToldToStop() {
        String payment = Ids.next("pay");
        String secret = streamSecrets.issue(payment).orElseThrow();
        SseClient page = paymentStream(payment, secret, Map.of());
        assertEquals(200, page.status());

        publishAbout(payment, Ids.next("mer"), "payment.succeeded");

        await().atMost(WITHIN).until(page::ended);
        assertEquals(1, page.events().size(), page.events().toString());
        SseClient.Event outcome = page.events().get(0);
        assertEquals("payment.succeeded", outcome.type());
        JsonNode shown = body(outcome);
        assertEquals(payment, shown.at("/data/payment_id").asText());
        assertEquals("succeeded", shown.at("/data/status").asText());
        assertEquals(1000, shown.at("/data/amount").asLong());
        assertFalse(shown.get("data").has("merchant_id"), "the buyer sees no merchant data: " + shown);
        assertFalse(shown.get("data").has("order_id"), shown.toString());

        assertEquals(204, paymentStream(payment, secret, Map.of("Last-Event-ID", outcome.id())).status(),
                "an EventSource reconnecting after the outcome stops on 204");
        SseClient later = paymentStream(payment, secret, Map.of());
        await().atMost(WITHIN).until(later::ended);
        assertEquals(List.of(outcome.id()), later.events().stream().map(SseClient.Event::id).toList(),
                "a page opened after the outcome gets it at once");
    }

    @Test
    void aPaymentsStreamOpensOnlyWithItsOwnSecret() {
        String payment = Ids.next("pay");
        String another = Ids.next("pay");
        String secret = streamSecrets.issue(payment).orElseThrow();

        assertProblem(paymentStream(payment, streamSecrets.issue(another).orElseThrow(), Map.of()), 401, "unauthenticated", null);
        assertProblem(paymentStream(payment, secret.substring(0, secret.length() - 2) + "xx", Map.of()), 401,
                "unauthenticated", null);
        assertProblem(open("v1/payments/" + payment + "/stream", Map.of("Authorization", "Bearer " + TestCredentials.A_SECRET)),
                401, "unauthenticated", null);
        assertProblem(paymentStream(payment, secret, Map.of("Last-Event-ID", "evt_01JD3ZQ4V5X6Y7Z8A9B0C1D2E3")), 400,
                "invalid_request", "Last-Event-ID");
    }

    private SseClient merchantStream(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + TestCredentials.A_SECRET);
        return open("v1/events/stream", all);
    }

    private SseClient paymentStream(String payment, String secret, Map<String, String> headers) {
        return open("v1/payments/" + payment + "/stream?client_secret=" + secret, headers);
    }

    private SseClient open(String path, Map<String, String> headers) {
        SseClient client = SseClient.open(base + path, headers);
        clients.add(client);
        return client;
    }

    /** {@code count} payment.succeeded events of {@code merchant}; their payment ids. */
    private Set<String> publish(String merchant, int count) {
        Set<String> payments = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            String payment = Ids.next("pay");
            publishAbout(payment, merchant, "payment.succeeded");
            payments.add(payment);
        }
        return payments;
    }

    private void publishAbout(String payment, String merchant, String type) {
        relay.send("payment.events", payment, UUID.randomUUID().toString(), type, payment, bytes("""
                {"id":"%s","merchant_id":"%s","order_id":"%s","amount":1000,"currency":"CNY","status":"%s"}"""
                .formatted(payment, merchant, Ids.next("ord"), type.substring(type.indexOf('.') + 1))));
    }

    private static boolean caughtUp(List<String> earlier, List<String> latest, Set<String> missed) {
        Set<String> all = new java.util.HashSet<>(earlier);
        all.addAll(latest);
        return all.containsAll(missed);
    }

    /** The payments the stream's events are about, in arrival order. */
    private static List<String> payments(SseClient client) {
        return client.events().stream().map(event -> body(event).at("/data/id").asText()).toList();
    }

    private static JsonNode body(SseClient.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(SseClient client, int status, String code, String param) {
        assertEquals(status, client.status());
        assertTrue(client.header("content-type").startsWith("application/problem+json"), client.header("content-type"));
        await().atMost(WITHIN).until(client::ended);
        JsonNode problem;
        try {
            problem = JSON.readTree(client.refusal());
        } catch (IOException e) {
            throw new UncheckedIOException(client.refusal(), e);
        }
        assertEquals(code, problem.path("code").asText(), problem.toString());
        assertEquals(param, problem.path("param").asText(null), problem.toString());
    }
}
