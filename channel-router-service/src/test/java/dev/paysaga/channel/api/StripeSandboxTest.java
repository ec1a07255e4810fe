package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.PaymentChannel.ChannelPayment;
import dev.paysaga.channel.stripe.StripeChannel;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.SandboxProcess;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter against the real channel-sandbox over HTTP, both sides with the secret key and signing secret
 * made by GenerateChannelKeys: create, the customer authorizing, the signed webhook delivered and verified, query,
 * cancel, capture, refund; a tampered request refused by the sandbox; a forged webhook refused by the router.
 */
@QuarkusTest
@TestProfile(SandboxProcess.Profile.class)
class StripeSandboxTest {
    @Inject
    Pool pool;
    @Inject
    StripeChannel stripe;
    Db db;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        behave("{}");
    }

    @AfterEach
    void tearDown() {
        behave("{}");
    }

    static void behave(String json) {
        given().contentType(ContentType.JSON).body(json).put(SandboxProcess.url() + "/admin/channels/stripe")
                .then().statusCode(200);
    }

    static JsonPath intent(String intentId) {
        return given().get(SandboxProcess.url() + "/admin/channels/stripe/payment_intents/" + intentId)
                .then().statusCode(200).extract().jsonPath();
    }

    private String intentOf(String pay) {
        return db.transaction(pay).getString("channel_trade_no");
    }

    private ChannelPayment payment(String pay, long amount) {
        return new ChannelPayment(pay, "mer_demo", amount, "USD", "web", intentOf(pay));
    }

    @Test
    void theCustomerAuthorizesAndTheSignedWebhookResolvesThePaymentOnceAndAForgeryIsRefused() {
        String pay = Ids.next("pay");

        Api.createStripe(pay, 3000, "USD").then().statusCode(201)
                .body("next_action.type", equalTo("client_secret"))
                .body("next_action.client_secret", startsWith("pi_"));
        String pi = intentOf(pay);
        assertEquals(pay, intent(pi).getString("payment_id"));

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> intent(pi).getInt("webhooks_acknowledged") == 1);
        assertEquals("requires_capture", intent(pi).getString("status"));
        assertEquals(1, db.events(pay).size());

        // Stripe resending the event later (same id, signed afresh at a later second) is acknowledged and changes
        // nothing. Within the same second the delivery would be byte for byte the first one: refused as a replay.
        long second = java.time.Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(2)).until(() -> java.time.Instant.now().getEpochSecond() > second);
        given().post(SandboxProcess.url() + "/admin/channels/stripe/payment_intents/" + pi + "/webhook")
                .then().statusCode(200).body("acknowledged", equalTo(true)).body("status", equalTo(200));
        JsonPath forged = given().post(SandboxProcess.url() + "/admin/channels/stripe/payment_intents/" + pi + "/webhook?forge=true")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(forged.getBoolean("acknowledged"));
        assertEquals(400, forged.getInt("status"));
        assertTrue(forged.getString("body").contains("bad_signature"), forged.getString("body"));
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void anAuthorizationWhoseWebhookNeverCameIsFoundByQueryThenCapturedAndRefundedNoMoreThanCaptured() {
        behave("{\"never_notify\":true}");
        String pay = Ids.next("pay");
        Api.createStripe(pay, 2500, "USD").then().statusCode(201);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        String pi = intentOf(pay);
        assertEquals(0, intent(pi).getInt("webhooks_sent"));

        var captured = stripe.capture(payment(pay, 2500), 2500).await().atMost(Duration.ofSeconds(10));
        assertEquals(new StripeChannel.Moved(pi, 2500), captured);
        assertEquals("succeeded", intent(pi).getString("status"));

        var refunded = stripe.refund(payment(pay, 2500), Ids.next("re"), 1000).await().atMost(Duration.ofSeconds(10));
        var tooMuch = stripe.refund(payment(pay, 2500), Ids.next("re"), 1501).await().atMost(Duration.ofSeconds(10));
        assertTrue(refunded instanceof StripeChannel.Moved moved && moved.stripeId().startsWith("re_")
                && moved.amountMinor() == 1000, refunded.toString());
        assertEquals("amount_too_large", ((StripeChannel.Refused) tooMuch).code());
        assertEquals(1000, intent(pi).getLong("amount_refunded"));
        assertEquals(1, db.events(pay).size());
    }

    /** The saga's Confirm: POST …/capture takes what the customer authorized; again, it changes nothing. */
    @Test
    void theConfirmCapturesAnAuthorizedPaymentOnceAndRefusesOneNotPaid() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 3000, "USD").then().statusCode(201);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        for (int i = 0; i < 2; i++) {
            asService().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(200).body("status", equalTo("captured"));
        }
        JsonPath intent = intent(intentOf(pay));
        assertEquals("succeeded", intent.getString("status"));
        assertEquals(3000, intent.getLong("amount_received"));

        behave("{\"silent\":true}");
        String waiting = Ids.next("pay");
        Api.createStripe(waiting, 500, "USD").then().statusCode(201);
        asService().post(Api.TRANSACTIONS + "/" + waiting + "/capture").then().statusCode(409)
                .body("code", equalTo("invalid_state_transition"));
        assertEquals("requires_payment_method", intent(intentOf(waiting)).getString("status"));
        asService().post(Api.TRANSACTIONS + "/" + Ids.next("pay") + "/capture").then().statusCode(404);
    }

    /** Through the port: a refund of the captured intent, once whatever the repeats (Stripe's Idempotency-Key). */
    @Test
    void aPortRefundOfACapturedPaymentIsOnce() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 3000, "USD").then().statusCode(201);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
        asService().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(200);

        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 1000, 3000, "USD", intentOf(pay));
        var first = assertInstanceOf(ChannelRefund.Refunded.class, stripe.refund(refund).await().atMost(Duration.ofSeconds(10)));
        var again = assertInstanceOf(ChannelRefund.Refunded.class, stripe.refund(refund).await().atMost(Duration.ofSeconds(10)));
        assertEquals(first.channelReference(), again.channelReference(), "the same Stripe refund");
        assertEquals(1000, intent(intentOf(pay)).getLong("amount_refunded"));
        var tooMuch = stripe.refund(new ChannelRefund(pay, Ids.next("re"), 2001, 3000, "USD", intentOf(pay)))
                .await().atMost(Duration.ofSeconds(10));
        assertInstanceOf(ChannelRefund.Declined.class, tooMuch);
    }

    /**
     * The day's statement from Stripe's balance transactions, read two a page (the test profile): our captures and
     * our partial refund are lines with our ids and amounts, no transaction is lost or counted twice across the pages,
     * and a day long ago is empty. queryRefund finds our refund by its id; a refund id never used is not found.
     */
    @Test
    void theStatementListsTheDaysCapturesAndRefundsAcrossPagesAndQueryRefundFindsOursById() throws Exception {
        List<String> pays = List.of(Ids.next("pay"), Ids.next("pay"), Ids.next("pay"));
        List<Long> amounts = List.of(2500L, 1200L, 800L);
        for (int i = 0; i < pays.size(); i++) {
            Api.createStripe(pays.get(i), amounts.get(i), "USD").then().statusCode(201);
        }
        for (String pay : pays) {
            await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));
            asService().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(200);
        }
        String pay = pays.get(0);
        String pi = intentOf(pay);
        ChannelRefund refund = new ChannelRefund(pay, Ids.next("re"), 700, 2500, "USD", pi);
        var refunded = assertInstanceOf(ChannelRefund.Refunded.class, stripe.refund(refund).await().atMost(Duration.ofSeconds(10)));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<ChannelStatement.Line> lines = stripe.statement(today).await().atMost(Duration.ofSeconds(30)).lines();

        List<ChannelStatement.Line> ofPi = lines.stream().filter(line -> pi.equals(line.channelTradeNo())).toList();
        assertEquals(List.of(ChannelStatement.Kind.PAYMENT, ChannelStatement.Kind.REFUND),
                ofPi.stream().map(ChannelStatement.Line::kind).toList(), ofPi.toString());
        assertEquals(2500, ofPi.get(0).amountMinor());
        assertEquals(pay, ofPi.get(0).paymentId());
        assertEquals("USD", ofPi.get(0).currency());
        assertEquals(700, ofPi.get(1).amountMinor(), "a refund line is the refund's positive amount");
        assertEquals(refund.refundId(), ofPi.get(1).refundId());
        assertEquals(pay, ofPi.get(1).paymentId());
        for (int i = 1; i < pays.size(); i++) {
            String other = intentOf(pays.get(i));
            long amount = amounts.get(i);
            assertEquals(1, lines.stream().filter(line -> other.equals(line.channelTradeNo())
                    && line.kind() == ChannelStatement.Kind.PAYMENT && line.amountMinor() == amount).count(), other);
        }
        // Nothing lost across the pages: as many lines as the sandbox has charges and refunds today, asked directly.
        assertTrue(lines.size() >= 4, "at least two pages of two");
        assertEquals(chargesAndRefundsAtTheSandbox(today), lines.size());

        assertTrue(stripe.statement(today.minusYears(5)).await().atMost(Duration.ofSeconds(10)).lines().isEmpty(),
                "a day without transactions is an empty statement");

        var found = assertInstanceOf(ChannelRefund.Refunded.class, stripe.queryRefund(refund).await().atMost(Duration.ofSeconds(10)));
        assertEquals(refunded.channelReference(), found.channelReference());
        assertInstanceOf(ChannelRefund.NotFound.class, stripe.queryRefund(
                new ChannelRefund(pay, Ids.next("re"), 700, 2500, "USD", pi)).await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(ChannelRefund.NotFound.class, stripe.queryRefund(
                new ChannelRefund(pays.get(1), Ids.next("re"), 100, 1200, "USD", intentOf(pays.get(1))))
                .await().atMost(Duration.ofSeconds(10)), "a payment never refunded");
        assertInstanceOf(ChannelRefund.NotFound.class, stripe.queryRefund(
                new ChannelRefund(pay, Ids.next("re"), 700, 2500, "USD", "pi_NeverMadeAtStripe"))
                .await().atMost(Duration.ofSeconds(10)), "an intent Stripe does not know has no refunds");
    }

    /** The day's charge and refund balance transactions, counted straight from the sandbox, 100 a page. */
    private static long chargesAndRefundsAtTheSandbox(LocalDate day) throws Exception {
        String key = Files.readString(SandboxProcess.keysDir().resolve("stripe-secret.key")).strip();
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long count = 0;
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            var request = given().header("Authorization", "Bearer " + key).queryParam("created[gte]", from)
                    .queryParam("created[lt]", from + 86_400).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("starting_after", cursor);
            }
            JsonPath list = request.get(SandboxProcess.url() + "/v1/balance_transactions").then().statusCode(200)
                    .extract().jsonPath();
            List<String> types = list.getList("data.type");
            count += types.stream().filter(type -> type.equals("charge") || type.equals("refund")).count();
            if (!list.getBoolean("has_more")) {
                return count;
            }
            List<String> ids = list.getList("data.id");
            cursor = ids.get(ids.size() - 1);
        }
        throw new AssertionError("the sandbox's list never ended");
    }

    /** A saga that cancels after the customer authorized: the hold on the card is released, nothing captured. */
    @Test
    void closingAnAuthorizedPaymentReleasesTheAuthorization() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 1800, "USD").then().statusCode(201);
        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        for (int i = 0; i < 2; i++) {
            asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("released"));
        }
        JsonPath intent = intent(intentOf(pay));
        assertEquals("canceled", intent.getString("status"));
        assertEquals(0, intent.getLong("amount_received"));
        asService().post(Api.TRANSACTIONS + "/" + pay + "/capture").then().statusCode(409);
        assertEquals(1, db.events(pay).size(), "only the authorization was announced");
    }

    @Test
    void closeCancelsTheIntentAtTheSandbox() {
        behave("{\"silent\":true}");
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "EUR").then().statusCode(201);

        asService().post(Api.TRANSACTIONS + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals("canceled", intent(intentOf(pay)).getString("status"));
        assertEquals("CLOSED", db.transaction(pay).getString("status"));
    }

    @Test
    void aDeclinedCardFailsThePayment() {
        behave("{\"decline_rate\":1}");
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "JPY").then().statusCode(201);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("FAILED"));
        assertEquals("requires_payment_method", intent(intentOf(pay)).getString("status"));
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @Test
    void aTamperedRequestIsRefusedByTheSandboxAndChangesNothing() throws Exception {
        behave("{\"silent\":true}");
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "USD").then().statusCode(201);
        String pi = intentOf(pay);
        String key = Files.readString(SandboxProcess.keysDir().resolve("stripe-secret.key")).strip();

        // Someone without our key: 401, nothing canceled.
        given().header("Authorization", "Bearer sk_test_not_ours").contentType("application/x-www-form-urlencoded")
                .post(SandboxProcess.url() + "/v1/payment_intents/" + pi + "/cancel").then().statusCode(401)
                .body("error.type", equalTo("invalid_request_error"));
        // Our key, but the create replayed under its Idempotency-Key with another amount: 400 idempotency_error.
        given().header("Authorization", "Bearer " + key).header("Idempotency-Key", "paysaga-" + pay + "-create")
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body("amount=1&currency=usd&capture_method=manual&description=PaySaga+payment+" + pay
                        + "&metadata%5Bpayment_id%5D=" + pay + "&metadata%5Bmerchant_id%5D=mer_demo")
                .post(SandboxProcess.url() + "/v1/payment_intents").then().statusCode(400)
                .body("error.type", equalTo("idempotency_error"));

        JsonPath now = intent(pi);
        assertEquals("requires_payment_method", now.getString("status"));
        assertEquals(100, now.getInt("amount"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));
    }
}
