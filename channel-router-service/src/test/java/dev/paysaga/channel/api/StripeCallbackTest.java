package dev.paysaga.channel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.LogCapture;
import dev.paysaga.channel.testing.FakeStripeGateway;
import dev.paysaga.channel.testing.FakeStripeGateway.Delivery;
import dev.paysaga.runtime.ids.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /callbacks/stripe} against the real PostgreSQL, Redis and outbox: webhooks signed with the endpoint's
 * signing secret the service holds (a test value made at test time), or forged, tampered, stale, replayed.
 */
@QuarkusTest
class StripeCallbackTest {
    static final String CAPTURABLE = "payment_intent.amount_capturable_updated";

    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;
    Db db;
    FakeStripeGateway gateway;

    final LogCapture logs = new LogCapture();

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.stripe();
        logs.start();
    }

    @AfterEach
    void tearDown() {
        logs.stop();
    }

    private String pendingPayment(long amount) {
        String pay = Ids.next("pay");
        Api.createStripe(pay, amount, "USD").then().statusCode(201);
        return pay;
    }

    @Test
    void aGenuineAuthorizationResolvesTheTransactionAndWritesOneEventWithIt() {
        String pay = pendingPayment(3000);

        Response answer = Api.notifyStripe(gateway.event(pay, CAPTURABLE, "requires_capture", 3000));

        answer.then().statusCode(200).contentType("application/json");
        assertEquals(true, answer.jsonPath().getBoolean("received"));
        var tx = db.transaction(pay);
        assertEquals("SUCCEEDED", tx.getString("status"));
        assertEquals(gateway.intentId(pay), tx.getString("channel_trade_no"));
        var events = db.events(pay);
        assertEquals(1, events.size());
        assertEquals("channel.transaction.succeeded", events.get(0).getString("type"));
        var data = events.get(0).getJsonObject("payload");
        assertEquals("stripe", data.getString("channel"));
        assertEquals(3000L, data.getLong("amount"));
        assertEquals("USD", data.getString("currency"));
    }

    /** Our close cancels with its own reason: the webhook that echoes it leaves the outcome to the close. */
    @Test
    void theEchoOfOurOwnCancelResolvesNothingWhileAnotherCancelFailsThePayment() {
        String ours = pendingPayment(100);
        Delivery echo = gateway.event(ours, "payment_intent.canceled", "canceled", 100);
        String withReason = echo.body().replace("\"status\":\"canceled\"",
                "\"status\":\"canceled\",\"cancellation_reason\":\"abandoned\"");
        assertTrue(withReason.contains("abandoned"), withReason);
        Api.notifyStripe(FakeStripeGateway.signed(withReason, gateway.webhookSecret(), java.time.Instant.now().getEpochSecond()))
                .then().statusCode(200);
        assertEquals("PENDING", db.transaction(ours).getString("status"));
        assertEquals(0, db.events(ours).size());

        String theirs = pendingPayment(100);
        Api.notifyStripe(gateway.event(theirs, "payment_intent.canceled", "canceled", 100)).then().statusCode(200);
        assertEquals("FAILED", db.transaction(theirs).getString("status"));
    }

    @Test
    void aPaymentFailedWebhookFailsTheTransactionOnce() {
        String pay = pendingPayment(100);
        gateway.decline(pay);

        Api.notifyStripe(gateway.event(pay, "payment_intent.payment_failed", "requires_payment_method", 100))
                .then().statusCode(200);

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @Test
    void stripesResendOfTheSameEventIsAcknowledgedAndAnnouncedOnce() {
        String pay = pendingPayment(1);
        Delivery first = gateway.event(pay, CAPTURABLE, "requires_capture", 1);
        double duplicates = count("paysaga.channel.notifications.replayed", null);

        Api.notifyStripe(first).then().statusCode(200);
        Api.notifyStripe(gateway.resend(first)).then().statusCode(200); // same event id, signed afresh

        assertEquals(1, db.events(pay).size());
        assertEquals(duplicates + 1, count("paysaga.channel.notifications.replayed", null));
    }

    @Test
    void laterEventsOfTheSamePaymentChangeNothing() {
        String pay = pendingPayment(500);
        Api.notifyStripe(gateway.event(pay, CAPTURABLE, "requires_capture", 500)).then().statusCode(200);

        Api.notifyStripe(gateway.event(pay, "payment_intent.succeeded", "succeeded", 500)).then().statusCode(200);
        Api.notifyStripe(FakeStripeGateway.signed(gateway.eventBody("evt_charge_" + pay, "charge.refunded",
                "{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":\"" + gateway.intentId(pay) + "\",\"amount_refunded\":500}"),
                gateway.webhookSecret(), Instant.now().getEpochSecond())).then().statusCode(200);

        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void aReplayedDeliveryIsRefusedAndChangesNothing() {
        String pay = pendingPayment(1);
        Delivery captured = gateway.event(pay, CAPTURABLE, "requires_capture", 1);
        Api.notifyStripe(captured).then().statusCode(200);
        double refused = count("paysaga.channel.notifications.refused", "replayed");

        Response replay = Api.notifyStripe(captured); // the very same signed request again, inside the tolerance

        replay.then().statusCode(400).contentType("application/json");
        assertEquals("replayed", replay.jsonPath().getString("error"));
        assertEquals(1, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", "replayed"));
    }

    record Forgery(String name, String reason, BiFunction<FakeStripeGateway, String, Delivery> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Forgery> forgeries() {
        long now = Instant.now().getEpochSecond();
        return List.of(
                new Forgery("signed with another secret", "bad_signature", (g, pay) -> {
                    Delivery d = g.event(pay, CAPTURABLE, "requires_capture", 1);
                    return FakeStripeGateway.signed(d.body(), "whsec_not_the_endpoints_secret", now);
                }),
                new Forgery("body changed after signing", "bad_signature", (g, pay) -> {
                    Delivery d = g.event(pay, "payment_intent.canceled", "canceled", 1);
                    return new Delivery(d.headers(), d.body().replace("\"canceled\"", "\"requires_capture\""));
                }),
                new Forgery("signed six minutes ago", "expired", (g, pay) ->
                        FakeStripeGateway.signed(g.event(pay, CAPTURABLE, "requires_capture", 1).body(), g.webhookSecret(), now - 360)),
                new Forgery("signed six minutes ahead", "expired", (g, pay) ->
                        FakeStripeGateway.signed(g.event(pay, CAPTURABLE, "requires_capture", 1).body(), g.webhookSecret(), now + 360)),
                new Forgery("no Stripe-Signature", "unsigned",
                        (g, pay) -> new Delivery(Map.of(), g.event(pay, CAPTURABLE, "requires_capture", 1).body())),
                new Forgery("the right HMAC as v0 only", "malformed", (g, pay) -> {
                    Delivery d = g.event(pay, CAPTURABLE, "requires_capture", 1);
                    return new Delivery(Map.of("Stripe-Signature", d.headers().get("Stripe-Signature").replace("v1=", "v0=")),
                            d.body());
                }),
                new Forgery("another amount, genuinely signed", "amount_mismatch",
                        (g, pay) -> g.event(pay, CAPTURABLE, "requires_capture", 2)),
                new Forgery("unknown status, genuinely signed", "malformed",
                        (g, pay) -> g.event(pay, CAPTURABLE, "paid_maybe", 1)),
                new Forgery("not JSON, genuinely signed", "malformed",
                        (g, pay) -> FakeStripeGateway.signed("evt_" + pay, g.webhookSecret(), now)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void anUntrustedWebhookIsRefusedCountedAndChangesNothing(Forgery forgery) {
        String pay = pendingPayment(1);
        double refused = count("paysaga.channel.notifications.refused", forgery.reason());

        Delivery forged = forgery.make().apply(gateway, pay);
        Response answer = Api.notifyStripe(forged);

        answer.then().statusCode(400).contentType("application/json");
        assertEquals(false, answer.jsonPath().getBoolean("received"));
        assertEquals(forgery.reason(), answer.jsonPath().getString("error"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));
        assertEquals(0, db.events(pay).size());
        assertEquals(refused + 1, count("paysaga.channel.notifications.refused", forgery.reason()));
        String signature = forged.headers().get("Stripe-Signature");
        String v1 = signature == null ? null : signature.replaceAll("^.*v[01]=", "");
        assertFalse(logs.lines().isEmpty(), "the refusal was logged (and is checked below)");
        for (String line : logs.lines()) {
            assertFalse(line.contains(gateway.webhookSecret()), "the signing secret reached the log: " + line);
            assertFalse(line.contains("sk_test_paysaga_fake_"), "the secret key reached the log: " + line);
            assertFalse(v1 != null && line.contains(v1.substring(0, 16)), "a signature reached the log: " + line);
        }

        // The genuine one still goes through afterwards.
        Api.notifyStripe(gateway.event(pay, CAPTURABLE, "requires_capture", 1)).then().statusCode(200);
        assertEquals("SUCCEEDED", db.transaction(pay).getString("status"));
    }

    @Test
    void aWebhookAboutAnUnknownPaymentIsRefusedAndOneAboutAnotherIntegrationsIntentIsTakenWithoutEffect() {
        String unknown = Ids.next("pay");
        Api.notifyStripe(gateway.event(unknown, CAPTURABLE, "requires_capture", 100)).then().statusCode(400);
        assertNull(db.transaction(unknown));

        String foreign = "{\"id\":\"pi_elsewhere\",\"object\":\"payment_intent\",\"amount\":100,\"status\":\"succeeded\","
                + "\"metadata\":{}}";
        Api.notifyStripe(FakeStripeGateway.signed(gateway.eventBody("evt_elsewhere_" + unknown, "payment_intent.succeeded",
                foreign), gateway.webhookSecret(), Instant.now().getEpochSecond())).then().statusCode(200);
    }

    private double count(String name, String reason) {
        var search = metrics.find(name).tag("channel", "stripe");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
