package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.runtime.testing.WebhookReceiver;
import dev.paysaga.runtime.testing.WebhookReceiver.Answer;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of notification-service while it delivers webhooks: deliveries it held in flight, those
 * waiting their turn, and events published while it was down all reach the merchant's receiver after
 * the restart. The events are a merchant's of this test's own, published on payment.events as
 * notification-service's relay publishes them.
 */
class WebhookCrashTest {
    private static final String NOTIFICATION = "notification-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A short timeout, so a delivery the dead process held is claimed again within seconds (lease: twice this). */
    private static final Map<String, String> SHORT_TIMEOUT = Map.of("PAYSAGA_WEBHOOKS_TIMEOUT", "PT3S");

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void notificationBackAsUsual() {
        Suite.restart(NOTIFICATION, Map.of());
    }

    @Test
    void killedWithDeliveriesInFlightItDeliversEveryEventOnceItIsBack() throws Exception {
        Suite.restart(NOTIFICATION, SHORT_TIMEOUT);
        String merchant = "mer_e2e_hooks_" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> published = new TreeSet<>();
        try (WebhookReceiver receiver = new WebhookReceiver();
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", Suite.KAFKA,
                        "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            receiver.answering(n -> Answer.heldThen(200)); // every request hangs until released
            String endpoint = Callers.asPlatform().contentType(ContentType.JSON).body(Map.of("merchant_id", merchant,
                            "url", receiver.url(), "enabled_events", List.of("payment.*")))
                    .post(Suite.GATEWAY + "/v1/webhook_endpoints").then().statusCode(201).extract().path("id");

            publish(producer, merchant, 30, published);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.mostInFlight() == 4);
            Suite.kill9(NOTIFICATION);
            publish(producer, merchant, 20, published); // while it is down
            receiver.release(); // the held answers go to a dead process

            Suite.start(NOTIFICATION, SHORT_TIMEOUT);
            await().atMost(Duration.ofSeconds(120)).until(() -> paymentsReceived(receiver).containsAll(published));

            assertEquals(published, paymentsReceived(receiver), "every event, and no other");
            assertEquals(published.size(), receiver.processedOnce().size(), "one webhook-id per event");
            assertTrue(receiver.received().size() >= published.size() + 4,
                    "the four held when it died came again: " + receiver.received().size());
            Callers.asPlatform().delete(Suite.GATEWAY + "/v1/webhook_endpoints/" + endpoint).then().statusCode(200);
        }
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String merchant, int count, Set<String> published) {
        for (int i = 0; i < count; i++) {
            String payment = "pay_e2e_" + UUID.randomUUID().toString().replace("-", "");
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("payment.events", payment, """
                    {"id":"%s","merchant_id":"%s","amount":100,"currency":"CNY","status":"succeeded"}"""
                    .formatted(payment, merchant).getBytes(StandardCharsets.UTF_8));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_source", "/paysaga/e2e-tests");
            header(record, "ce_type", "payment.succeeded");
            header(record, "ce_subject", payment);
            header(record, "ce_time", Instant.now().toString());
            producer.send(record);
            published.add(payment);
        }
        producer.flush();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The payments whose events the receiver got, by the event's data. */
    private static Set<String> paymentsReceived(WebhookReceiver receiver) {
        Set<String> payments = new TreeSet<>();
        for (WebhookReceiver.Received request : new ArrayList<>(receiver.received())) {
            try {
                payments.add(JSON.readTree(request.body()).at("/data/id").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a webhook body that is not JSON", e);
            }
        }
        return payments;
    }
}
