package dev.paysaga.notification.delivery;

import static dev.paysaga.notification.testing.RelayedMessages.bytes;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.paysaga.notification.testing.RelayedMessages;
import dev.paysaga.runtime.testing.WebhookReceiver;
import dev.paysaga.runtime.testing.WebhookReceiver.Answer;
import dev.paysaga.runtime.testing.WebhookReceiver.Received;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as a merchant's receiver sees them: payment events arrive through the real broker, the
 * service delivers them over real HTTP to receivers on loopback, and every delivery is verified with the
 * Standard Webhooks project's own library. Each test has a merchant of its own, so no endpoint of another
 * test or an earlier run receives its events. Retries here come after 0.2 s (test profile).
 */
@QuarkusTest
class WebhookDeliveryTest {
    private static final String TOPIC = "payment.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    MeterRegistry metrics;

    private final String merchant = Ids.next("mer");
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private RelayedMessages relay;

    @BeforeEach
    void connect() {
        relay = new RelayedMessages(bootstrap);
    }

    @AfterEach
    void cleanUp() {
        endpoints.forEach(id -> Api.asPlatform().delete("/v1/webhook_endpoints/{id}", id));
        receivers.forEach(WebhookReceiver::close);
        relay.close();
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventAFourthTimeWithTheSameIdAndEveryAttemptIsLogged() throws Exception {
        WebhookReceiver receiver = receiver().answering(n -> Answer.status(n <= 3 ? 500 : 200));
        Endpoint endpoint = create(receiver.url(), List.of("payment.succeeded"));

        String paymentId = publish("payment.succeeded");
        String eventId = eventAbout(paymentId);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(eventId).getString("status").equals("delivered"));
        List<Received> requests = receiver.receivedFor(eventId);
        assertEquals(4, requests.size(), "three failures, then the delivery");
        assertEquals(List.of(eventId), receiver.processedOnce(), "a receiver deduplicating by webhook-id processes it once");
        for (Received request : requests) {
            assertDoesNotThrow(() -> new Webhook(endpoint.secret()).verify(request.body(), request.headers()));
        }
        JsonNode body = JSON.readTree(requests.get(3).body());
        assertEquals(eventId, body.get("id").asText());
        assertEquals("payment.succeeded", body.get("type").asText());
        assertEquals(paymentId, body.at("/data/id").asText());
        assertEquals(merchant, body.at("/data/merchant_id").asText());

        JsonPath delivery = deliveryOf(eventId);
        assertEquals(endpoint.id(), delivery.getString("endpoint_id"));
        assertEquals(4, delivery.getInt("attempts"));
        assertEquals(List.of(500, 500, 500, 200), delivery.getList("attempt_log.status_code", Integer.class));
        assertTrue(delivery.getString("attempt_log[3].response").contains(eventId), "the answer's start is logged");
        assertTrue(delivery.getList("attempt_log.latency_ms", Integer.class).stream().allMatch(ms -> ms >= 0));
        Api.asPlatform().get("/v1/events/{id}", eventId).then().statusCode(200).body("webhooks.delivered", equalTo(1));
    }

    @Test
    void aDeliveryThatFailsEveryAttemptIsDeadLetteredAndCounted() {
        // The counter is there before any dead letter (at 0 in a fresh service): alerts see the first increase.
        double before = deadLetters();
        WebhookReceiver receiver = receiver().answering(n -> Answer.status(500));
        create(receiver.url(), List.of("payment.succeeded"));

        String eventId = eventAbout(publish("payment.succeeded"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(eventId).getString("status").equals("failed"));
        assertEquals(5, deliveryOf(eventId).getInt("attempts"), "the first attempt and the four retries of the test profile");
        assertEquals(before + 1, deadLetters());
    }

    @Test
    void anEndpointAnswering410IsDisabledGetsNothingMoreAndItsMerchantIsTold() {
        WebhookReceiver receiver = receiver().answering(n -> Answer.status(410));
        Endpoint endpoint = create(receiver.url(), List.of("*"));

        String first = eventAbout(publish("payment.succeeded"));
        await().atMost(Duration.ofSeconds(20)).until(() -> endpointStatus(endpoint.id()).equals("disabled"));
        Api.asPlatform().get("/v1/webhook_endpoints/{id}", endpoint.id()).then()
                .body("disabled_reason", containsString("410"));
        assertEquals("failed", deliveryOf(first).getString("status"));
        assertEquals(1, deliveryOf(first).getInt("attempts"), "410 is not retried");

        String second = eventAbout(publish("refund.succeeded"));
        Api.asPlatform().get("/v1/events/{id}/deliveries", second).then().statusCode(200).body("data.size()", equalTo(0));
        assertEquals(List.of(first), receiver.processedOnce());

        Api.asPlatform().queryParam("subject", endpoint.id()).get("/v1/events").then().statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].type", equalTo("webhook_endpoint.disabled"))
                .body("data[0].merchant_id", equalTo(merchant))
                .body("data[0].data.disabled_reason", containsString("410"));
    }

    @Test
    void anAttemptThatTimesOutIsRetried() {
        WebhookReceiver receiver = receiver().answering(n -> n == 1 ? Answer.heldThen(200) : Answer.status(200));
        create(receiver.url(), List.of("payment.*"));

        String eventId = eventAbout(publish("payment.failed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(eventId).getString("status").equals("delivered"));
        JsonPath delivery = deliveryOf(eventId);
        assertEquals(2, delivery.getInt("attempts"));
        assertNull(delivery.get("attempt_log[0].status_code"), "no answer within the timeout");
        assertTrue(delivery.getString("attempt_log[0].error").toLowerCase().contains("timeout"),
                delivery.getString("attempt_log[0].error"));
        assertEquals(200, delivery.getInt("attempt_log[1].status_code"));
    }

    @Test
    void duringARotationBothSecretsSignAndAfterItOnlyTheNewOne() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = create(receiver.url(), List.of("payment.succeeded"));
        String overlapping = rotate(endpoint.id(), 3600);

        Received during = deliveredRequest(receiver, eventAbout(publish("payment.succeeded")));
        assertEquals(2, during.headers().get("webhook-signature").get(0).split(" ").length, "two signatures");
        assertDoesNotThrow(() -> new Webhook(endpoint.secret()).verify(during.body(), during.headers()));
        assertDoesNotThrow(() -> new Webhook(overlapping).verify(during.body(), during.headers()));

        String latest = rotate(endpoint.id(), 0);
        Received after = deliveredRequest(receiver, eventAbout(publish("payment.succeeded")));
        assertDoesNotThrow(() -> new Webhook(latest).verify(after.body(), after.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(overlapping).verify(after.body(), after.headers()));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(endpoint.secret()).verify(after.body(), after.headers()));
    }

    @Test
    void aSlowEndpointDelaysNoOtherAndGetsNoMoreThanItsShareOfSlots() {
        // Each answer takes 1.5 s (within the 2 s timeout): 20 events at 4 at a time take it about 7.5 s.
        WebhookReceiver slow = receiver().answering(n -> Answer.after(Duration.ofMillis(1500), 200));
        WebhookReceiver quick = receiver();
        create(slow.url(), List.of("payment.succeeded"));
        create(quick.url(), List.of("payment.succeeded"));

        List<String> events = IntStream.range(0, 20).mapToObj(i -> publish("payment.succeeded")).toList()
                .stream().map(this::eventAbout).toList();

        await().atMost(Duration.ofSeconds(15)).until(() -> quick.processedOnce().containsAll(events));
        assertTrue(slow.processedOnce().size() < events.size(), "the quick endpoint waited for the slow one");
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.processedOnce().containsAll(events));
        assertTrue(slow.mostInFlight() <= 4, "deliveries in flight to one endpoint: " + slow.mostInFlight());
    }

    @Test
    void aDisabledEndpointRecoversWhatItMissedAndAnEventCanBeResent() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = create(receiver.url(), List.of("refund.*"));
        Api.asPlatform().contentType(ContentType.JSON).body(Map.of("status", "disabled"))
                .post("/v1/webhook_endpoints/{id}", endpoint.id()).then().statusCode(200).body("status", equalTo("disabled"));
        String missed = eventAbout(publish("refund.failed"));

        Api.asPlatform().contentType(ContentType.JSON).body(Map.of("status", "enabled"))
                .post("/v1/webhook_endpoints/{id}", endpoint.id()).then().statusCode(200).body("status", equalTo("enabled"));
        Api.asPlatform().contentType(ContentType.JSON).body(Map.of("since", java.time.Instant.now().minusSeconds(600).toString()))
                .post("/v1/webhook_endpoints/{id}/recover", endpoint.id()).then().statusCode(200).body("deliveries", equalTo(1));
        deliveredRequest(receiver, missed);

        Api.asPlatform().post("/v1/events/{id}/resend", missed).then().statusCode(200).body("deliveries", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedFor(missed).size() == 2);
        assertEquals(List.of(missed), receiver.processedOnce(), "a resend carries the same webhook-id");
    }

    // --- helpers

    record Endpoint(String id, String secret) {
    }

    private double deadLetters() {
        return metrics.get("paysaga.webhooks.attempts").tag("outcome", "dead_lettered").counter().count();
    }

    private WebhookReceiver receiver() {
        try {
            WebhookReceiver receiver = new WebhookReceiver();
            receivers.add(receiver);
            return receiver;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Endpoint create(String url, List<String> events) {
        JsonPath created = Api.asPlatform().contentType(ContentType.JSON)
                .body(Map.of("url", url, "enabled_events", events, "merchant_id", merchant))
                .post("/v1/webhook_endpoints").then().statusCode(201)
                .body("status", equalTo("enabled")).body("url", equalTo(url))
                .extract().jsonPath();
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("whsec_"), "a Standard Webhooks secret");
        endpoints.add(created.getString("id"));
        Api.asPlatform().get("/v1/webhook_endpoints/{id}", created.getString("id")).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        return new Endpoint(created.getString("id"), secret);
    }

    private String rotate(String endpointId, long overlapSeconds) {
        return Api.asPlatform().contentType(ContentType.JSON).body(Map.of("expire_in_seconds", overlapSeconds))
                .post("/v1/webhook_endpoints/{id}/rotate_secret", endpointId).then().statusCode(200)
                .extract().path("secret");
    }

    /** A payment (or refund) event of this test's merchant on payment.events; the payment's id. */
    private String publish(String type) {
        String paymentId = Ids.next("pay");
        relay.send(TOPIC, paymentId, UUID.randomUUID().toString(), type, paymentId, bytes("""
                {"id":"%s","merchant_id":"%s","order_id":"%s","amount":1000,"currency":"CNY","status":"%s"}"""
                .formatted(paymentId, merchant, Ids.next("ord"), type.substring(type.indexOf('.') + 1))));
        return paymentId;
    }

    /** The id of the recorded event about {@code subject}, once it is recorded. */
    private String eventAbout(String subject) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ids.addAll(Api.asPlatform().queryParam("subject", subject).get("/v1/events").then().statusCode(200)
                    .extract().jsonPath().getList("data.id", String.class));
            return !ids.isEmpty();
        });
        return ids.get(0);
    }

    private JsonPath deliveryOf(String eventId) {
        JsonPath deliveries = Api.asPlatform().get("/v1/events/{id}/deliveries", eventId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, deliveries.getList("data").size(), "one endpoint subscribes");
        return deliveries.setRootPath("data[0]");
    }

    private String endpointStatus(String endpointId) {
        return Api.asPlatform().get("/v1/webhook_endpoints/{id}", endpointId).then().statusCode(200).extract().path("status");
    }

    private static Received deliveredRequest(WebhookReceiver receiver, String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.receivedFor(eventId).isEmpty());
        return receiver.receivedFor(eventId).get(0);
    }
}
