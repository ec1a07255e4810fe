package dev.paysaga.sandbox.stripe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stripe's PaymentIntents (manual capture), Refunds and webhooks as the sandbox plays them, driven over real HTTP by an independently written merchant. */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class StripeGatewayTest {
    static final Duration QUIET = Duration.ofMillis(800); // longer than the test retry schedule (50+100+200+400 ms)
    StripeMerchant merchant;
    StripeWebhookReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new StripeMerchant();
        receiver = new StripeWebhookReceiver();
        behave("{}");
        given().contentType(ContentType.JSON).body("{\"url\":\"" + receiver.url() + "\"}")
                .put("/admin/channels/stripe/webhook_endpoint").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        behave("{}");
    }

    static void behave(String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/channels/stripe").then().statusCode(200);
    }

    private JsonPath intent(String id) {
        return merchant.get("/v1/payment_intents/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** An intent confirmed with a card that authorizes: requires_capture. */
    private String authorized(long amount) {
        return merchant.create(amount, "pm_card_visa").then().statusCode(200)
                .body("status", equalTo("requires_capture")).extract().path("id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Authorization            |
            another secret key (Bearer) | Bearer sk_test_someone_elses_key_0000
            a publishable key           | Bearer pk_test_0000000000000000
            empty Bearer                | 'Bearer '
            another scheme              | Token sk_test_x
            """)
    void aRequestWithoutTheSecretKeyIs401AndChangesNothing(String why, String authorization) {
        String key = UUID.randomUUID().toString();
        var request = given().header("Idempotency-Key", key).contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body("amount=100&currency=usd&capture_method=manual");
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }

        Response response = request.post("/v1/payment_intents");

        response.then().statusCode(401).contentType("application/json").body("error.type", equalTo("invalid_request_error"));
        assertFalse(response.asString().contains("someone_elses_key"), "a wrong key is shown masked: " + response.asString());
        // Refused before the idempotency layer: the same key then works with the right secret key.
        merchant.post("/v1/payment_intents", "amount=100&currency=usd&capture_method=manual", key).then().statusCode(200)
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void theSecretKeyIsAlsoTakenAsTheBasicUserName() {
        String basic = Base64.getEncoder().encodeToString((merchant.secretKey + ":").getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Basic " + basic).get("/v1/payment_intents/pi_missing")
                .then().statusCode(404).body("error.code", equalTo("resource_missing"));
    }

    @Test
    void anUnconfirmedIntentAnswersItsClientSecretAndTheCustomerAuthorizesIt() {
        String id = merchant.post("/v1/payment_intents", "amount=3000&currency=usd&capture_method=manual"
                + "&description=2+lattes&metadata%5Bpayment_id%5D=pay_abc&metadata%5Bmerchant_id%5D=mer_demo")
                .then().statusCode(200)
                .body("object", equalTo("payment_intent"))
                .body("status", equalTo("requires_payment_method"))
                .body("capture_method", equalTo("manual"))
                .body("metadata.payment_id", equalTo("pay_abc"))
                .body("description", equalTo("2 lattes"))
                .body("client_secret", startsWith("pi_"))
                .extract().path("id");
        assertTrue(intent(id).getString("client_secret").startsWith(id + "_secret_"));

        await().atMost(Duration.ofSeconds(10)).until(() -> intent(id).getString("status").equals("requires_capture"));
        assertEquals(3000, intent(id).getInt("amount_capturable"));
        assertEquals(0, intent(id).getInt("amount_received"));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesOtherParameters() {
        behave("{\"silent\":true}");
        String key = UUID.randomUUID().toString();
        String form = "amount=500&currency=eur&capture_method=manual&metadata%5Bpayment_id%5D=pay_1";

        Response first = merchant.post("/v1/payment_intents", form, key);
        Response again = merchant.post("/v1/payment_intents", form, key);
        Response reordered = merchant.post("/v1/payment_intents",
                "metadata%5Bpayment_id%5D=pay_1&capture_method=manual&currency=eur&amount=500", key);
        Response other = merchant.post("/v1/payment_intents", form.replace("500", "501"), key);
        Response otherPath = merchant.post("/v1/refunds", "payment_intent=pi_x", key);

        first.then().statusCode(200).header("Idempotent-Replayed", (String) null);
        again.then().statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), again.asString(), "the kept answer, byte for byte");
        reordered.then().statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        other.then().statusCode(400).body("error.type", equalTo("idempotency_error"));
        otherPath.then().statusCode(400).body("error.type", equalTo("idempotency_error"));
        merchant.post("/v1/payment_intents", form, "k".repeat(256)).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void manualCaptureMovesRequiresCaptureToSucceededOnceAndCapturesAtMostTheAuthorization() {
        String id = authorized(1000);
        JsonPath authorized = intent(id);
        assertEquals(1000, authorized.getInt("amount_capturable"));
        assertTrue(authorized.getString("latest_charge").startsWith("ch_"));

        merchant.post("/v1/payment_intents/" + id + "/capture", "amount_to_capture=1001").then().statusCode(400)
                .body("error.param", equalTo("amount_to_capture"));
        merchant.post("/v1/payment_intents/" + id + "/capture", "amount_to_capture=800").then().statusCode(200)
                .body("status", equalTo("succeeded")).body("amount_received", equalTo(800))
                .body("amount_capturable", equalTo(0));

        merchant.post("/v1/payment_intents/" + id + "/capture", "").then().statusCode(400)
                .body("error.code", equalTo("payment_intent_unexpected_state"));
        merchant.post("/v1/payment_intents/" + id + "/cancel", "").then().statusCode(400)
                .body("error.code", equalTo("payment_intent_unexpected_state"));
        assertEquals("succeeded", intent(id).getString("status"));
    }

    @Test
    void cancelReleasesAnAuthorizationOrAnOpenIntentAndNothingCanBeCapturedOrPaidAfter() {
        String authorizedId = authorized(700);
        merchant.post("/v1/payment_intents/" + authorizedId + "/cancel", "cancellation_reason=abandoned").then()
                .statusCode(200).body("status", equalTo("canceled")).body("cancellation_reason", equalTo("abandoned"));
        merchant.post("/v1/payment_intents/" + authorizedId + "/capture", "").then().statusCode(400)
                .body("error.code", equalTo("payment_intent_unexpected_state"));

        behave("{\"latency_millis\":300}");
        String open = merchant.create(700, null).then().statusCode(200).extract().path("id");
        merchant.post("/v1/payment_intents/" + open + "/cancel", "").then().statusCode(200).body("status", equalTo("canceled"));
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> intent(open).getString("status").equals("canceled"));
        merchant.post("/v1/payment_intents/pi_unknown/cancel", "").then().statusCode(404)
                .body("error.code", equalTo("resource_missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pm_card_chargeDeclined, generic_decline", "pm_card_chargeDeclinedInsufficientFunds, insufficient_funds"})
    void aDecliningCardIs402CardErrorAndTheIntentWaitsForAnotherPaymentMethod(String card, String declineCode) {
        Response declined = merchant.create(1200, card);

        declined.then().statusCode(402)
                .body("error.type", equalTo("card_error"))
                .body("error.code", equalTo("card_declined"))
                .body("error.decline_code", equalTo(declineCode))
                .body("error.payment_intent.status", equalTo("requires_payment_method"));
        String id = declined.jsonPath().getString("error.payment_intent.id");
        assertEquals("card_declined", intent(id).getString("last_payment_error.code"));

        merchant.post("/v1/payment_intents/" + id + "/confirm", "payment_method=pm_card_visa").then().statusCode(200)
                .body("status", equalTo("requires_capture")).body("last_payment_error", equalTo(null));
    }

    @Test
    void refundsNeverExceedWhatWasCaptured() {
        String id = authorized(1000);
        merchant.post("/v1/refunds", "payment_intent=" + id + "&amount=100").then().statusCode(400)
                .body("error.code", equalTo("charge_not_captured"));
        merchant.post("/v1/payment_intents/" + id + "/capture", "amount_to_capture=900").then().statusCode(200);

        String first = merchant.post("/v1/refunds", "payment_intent=" + id + "&amount=600&metadata%5Brefund_id%5D=re_1")
                .then().statusCode(200)
                .body("object", equalTo("refund")).body("status", equalTo("succeeded")).body("amount", equalTo(600))
                .body("payment_intent", equalTo(id)).body("metadata.refund_id", equalTo("re_1"))
                .extract().path("id");
        merchant.post("/v1/refunds", "payment_intent=" + id + "&amount=301").then().statusCode(400)
                .body("error.code", equalTo("amount_too_large"));
        merchant.post("/v1/refunds", "payment_intent=" + id).then().statusCode(200).body("amount", equalTo(300));
        merchant.post("/v1/refunds", "payment_intent=" + id + "&amount=1").then().statusCode(400)
                .body("error.code", equalTo("amount_too_large"));

        merchant.get("/v1/refunds/" + first).then().statusCode(200).body("amount", equalTo(600));
        merchant.get("/v1/refunds/re_missing").then().statusCode(404);
        assertEquals("succeeded", intent(id).getString("status"), "a refunded intent stays succeeded");
        given().get("/admin/channels/stripe/payment_intents/" + id).then().statusCode(200)
                .body("amount_received", equalTo(900)).body("amount_refunded", equalTo(900));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"usd, 1, 200", "jpy, 1500, 200", "kwd, 1230, 200", "kwd, 1234, 400", "xxx, 100, 400", "USD, 100, 400",
            "usd, 0, 400", "usd, 100000000, 400"})
    void amountsFollowStripesCurrencyRules(String currency, long amount, int status) {
        merchant.post("/v1/payment_intents", "amount=" + amount + "&currency=" + currency + "&capture_method=manual")
                .then().statusCode(status);
    }

    @Test
    void theAuthorizationIsAnnouncedByASignedWebhookRetriedUntilAcknowledged() {
        receiver.answering(500, 404);
        String id = merchant.create(3000, null).then().statusCode(200).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.about(id).size() == 3);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.about(id).size() == 3);
        var first = receiver.about(id).get(0);
        for (var attempt : receiver.about(id)) {
            assertTrue(merchant.signedByStripe(attempt.signature(), attempt.body()), "every delivery is signed");
            assertEquals(first.body(), attempt.body(), "a retry is the same event");
            assertTrue(attempt.contentType().startsWith("application/json"));
        }
        // Each attempt is signed at its own time: t never goes backwards (retries within one second share it).
        long firstT = Long.parseLong(first.signature().replaceAll("^t=([0-9]+),.*$", "$1"));
        long lastT = Long.parseLong(receiver.about(id).get(2).signature().replaceAll("^t=([0-9]+),.*$", "$1"));
        assertTrue(lastT >= firstT);
        JsonPath event = new JsonPath(first.body());
        assertEquals("event", event.getString("object"));
        assertTrue(event.getString("id").startsWith("evt_"));
        assertEquals("payment_intent.amount_capturable_updated", event.getString("type"));
        assertEquals(id, event.getString("data.object.id"));
        assertEquals("requires_capture", event.getString("data.object.status"));
        assertEquals("pay_test", event.getString("data.object.metadata.payment_id"));
        JsonPath admin = given().get("/admin/channels/stripe/payment_intents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(3, admin.getInt("webhooks_sent"));
        assertEquals(1, admin.getInt("webhooks_acknowledged"));
    }

    @Test
    void everyChangeIsAWebhookAndNeverNotifyWithholdsThemUntilTheAdminSendsOne() {
        String id = authorized(500);
        merchant.post("/v1/payment_intents/" + id + "/capture", "").then().statusCode(200);
        merchant.post("/v1/refunds", "payment_intent=" + id + "&amount=200").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().stream()
                .filter(r -> r.body().contains(id)).count() == 3);
        // Like Stripe, the sandbox sends each event on its own: they may arrive in any order.
        var types = receiver.received().stream().filter(r -> r.body().contains(id))
                .map(r -> new JsonPath(r.body()).getString("type")).sorted().toList();
        assertEquals(java.util.List.of("charge.refunded", "payment_intent.amount_capturable_updated",
                "payment_intent.succeeded"), types);

        behave("{\"never_notify\":true}");
        String quiet = authorized(500);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> receiver.about(quiet).isEmpty());
        given().post("/admin/channels/stripe/payment_intents/" + quiet + "/webhook").then().statusCode(200)
                .body("acknowledged", equalTo(true));
        given().post("/admin/channels/stripe/payment_intents/" + quiet + "/webhook?forge=true").then().statusCode(200)
                .body("forged", equalTo(true));
        assertEquals(2, receiver.about(quiet).size());
        assertTrue(merchant.signedByStripe(receiver.about(quiet).get(0).signature(), receiver.about(quiet).get(0).body()));
        assertFalse(merchant.signedByStripe(receiver.about(quiet).get(1).signature(), receiver.about(quiet).get(1).body()));
        assertEquals(receiver.about(quiet).get(0).body(), receiver.about(quiet).get(1).body(), "same event id");
    }

    @Test
    void aDeclineRateDeclinesTheCustomerAndAnnouncesPaymentFailed() {
        behave("{\"decline_rate\":1}");
        String id = merchant.create(100, null).then().statusCode(200).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.about(id).size() == 1);
        assertEquals("payment_intent.payment_failed", new JsonPath(receiver.about(id).get(0).body()).getString("type"));
        assertEquals("requires_payment_method", intent(id).getString("status"));
        assertEquals("generic_decline", intent(id).getString("last_payment_error.decline_code"));
    }

    @Test
    void failureRateAnswers500ApiErrorWithNoEffectAndNothingKeptForTheKey() {
        behave("{\"failure_rate\":1,\"silent\":true}");
        String key = UUID.randomUUID().toString();
        String form = "amount=100&currency=usd&capture_method=manual";

        merchant.post("/v1/payment_intents", form, key).then().statusCode(500).body("error.type", equalTo("api_error"));

        behave("{\"silent\":true}");
        merchant.post("/v1/payment_intents", form, key).then().statusCode(200).header("Idempotent-Replayed", (String) null);
    }
}
