package dev.paysaga.channel.api;

import static dev.paysaga.runtime.testing.Api.asService;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.domain.PaymentChannel.ChannelPayment;
import dev.paysaga.channel.stripe.StripeChannel;
import dev.paysaga.channel.testing.Api;
import dev.paysaga.channel.testing.ChannelGatewaysResource;
import dev.paysaga.channel.testing.Db;
import dev.paysaga.channel.testing.FakeStripeGateway;
import dev.paysaga.channel.testing.FakeStripeGateway.Mode;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PaymentIntents at Stripe through the internal API (create, query, close) and the adapter (capture, refund), against a fake gateway that checks the key and keeps Idempotency-Keys. */
@QuarkusTest
class StripeTransactionsTest {
    static final String PATH = Api.TRANSACTIONS;

    @Inject
    Pool pool;
    @Inject
    StripeChannel stripe;
    Db db;
    FakeStripeGateway gateway;

    @BeforeEach
    void setUp() {
        db = new Db(pool);
        gateway = ChannelGatewaysResource.stripe();
    }

    @Test
    void createMakesAManualCapturePaymentIntentAndAnswersItsClientSecret() {
        String pay = Ids.next("pay");

        Api.createStripe(pay, 3000, "USD").then().statusCode(201)
                .body("channel", equalTo("stripe"))
                .body("status", equalTo("pending"))
                .body("next_action.type", equalTo("client_secret"))
                .body("next_action.client_secret", startsWith(gateway.intentId(pay) + "_secret_"))
                .body("channel_transaction_id", equalTo(gateway.intentId(pay)));

        var calls = gateway.calls(pay);
        assertEquals(1, calls.size());
        var call = calls.get(0);
        assertTrue(call.authorized(), "the gateway took our Bearer secret key");
        assertEquals("POST", call.method());
        assertEquals("/v1/payment_intents", call.path());
        assertEquals("amount=3000&currency=usd&capture_method=manual&description=PaySaga+payment+" + pay
                + "&metadata%5Bpayment_id%5D=" + pay + "&metadata%5Bmerchant_id%5D=mer_demo", call.body());
        assertEquals("paysaga-" + pay + "-create", call.idempotencyKey());
        assertEquals(gateway.intentId(pay), db.transaction(pay).getString("channel_trade_no"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"JPY, 1500", "KWD, 1230", "EUR, 1"})
    void otherCurrenciesGoAsTheirIntegerInLowerCase(String currency, long amount) {
        String pay = Ids.next("pay");
        Api.createStripe(pay, amount, currency).then().statusCode(201);
        var form = gateway.calls(pay).get(0).form();
        assertEquals(Long.toString(amount), form.get("amount"));
        assertEquals(currency.toLowerCase(), form.get("currency"));
    }

    @Test
    void aThreeDecimalAmountStripeCannotTakeIsDeclinedWithoutACallAndCnyIsNotStripes() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 1234, "KWD").then().statusCode(402).body("code", equalTo("channel_declined"));
        assertEquals(0, gateway.calls(pay).size());
        assertEquals("FAILED", db.transaction(pay).getString("status"));

        Api.createStripe(Ids.next("pay"), 100, "CNY").then().statusCode(400).body("code", equalTo("currency_unsupported"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DECLINE", "INVALID"})
    void aCardErrorOrAnInvalidRequestIs402AndRecordedOnce(Mode refusal) {
        String pay = Ids.next("pay");
        gateway.mode(pay, refusal);

        Api.createStripe(pay, 100, "USD").then().statusCode(402).body("code", equalTo("channel_declined"));

        assertEquals("FAILED", db.transaction(pay).getString("status"));
        assertEquals(1, db.events(pay).size());
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HTTP_500", "NOT_JSON"})
    void anAnswerThatCannotBeBelievedIs503AndTheRetryIsTheSameRequestWithTheSameIdempotencyKey(Mode failure) {
        String pay = Ids.next("pay");
        gateway.mode(pay, failure);

        Api.createStripe(pay, 4200, "USD").then().statusCode(503).body("code", equalTo("channel_unavailable"));
        assertEquals("PENDING", db.transaction(pay).getString("status"));

        gateway.mode(pay, Mode.NORMAL);
        Api.createStripe(pay, 4200, "USD").then().statusCode(200).body("next_action.type", equalTo("client_secret"));
        var creates = gateway.calls(pay).stream().filter(c -> c.path().equals("/v1/payment_intents")).toList();
        assertEquals(2, creates.size());
        assertEquals(creates.get(0).body(), creates.get(1).body());
        assertEquals(creates.get(0).idempotencyKey(), creates.get(1).idempotencyKey());
    }

    @Test
    void theActiveQueryFindsAnAuthorizationWhoseWebhookNeverCame() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 2500, "USD").then().statusCode(201);
        gateway.authorize(pay);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("SUCCEEDED"));

        var queries = gateway.calls(pay).stream().filter(c -> c.method().equals("GET")).toList();
        assertEquals("/v1/payment_intents/" + gateway.intentId(pay), queries.get(0).path());
        assertTrue(queries.stream().allMatch(FakeStripeGateway.Call::authorized));
        assertTrue(queries.stream().allMatch(c -> c.idempotencyKey() == null), "a GET needs no Idempotency-Key");
        assertEquals(1, db.events(pay).size());
    }

    @Test
    void aDeclinedConfirmationFailsThroughTheQuery() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "USD").then().statusCode(201);
        gateway.decline(pay);

        await().atMost(Duration.ofSeconds(45)).until(() -> db.transaction(pay).getString("status").equals("FAILED"));
        assertEquals("channel.transaction.failed", db.events(pay).get(0).getString("type"));
    }

    @Test
    void closeCancelsThePaymentIntentWithAnIdempotencyKey() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "USD").then().statusCode(201);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertEquals("canceled", gateway.status(pay));
        var cancel = gateway.calls(pay).stream().filter(c -> c.path().endsWith("/cancel")).toList();
        assertEquals(1, cancel.size());
        assertEquals("paysaga-" + pay + "-cancel", cancel.get(0).idempotencyKey());
        assertEquals("cancellation_reason=abandoned", cancel.get(0).body());
        assertEquals(0, db.events(pay).size(), "the caller who closed it has the answer");
    }

    @Test
    void closingWhileTheAnswerCannotBeBelievedIs503AndChangesNothing() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "USD").then().statusCode(201);
        gateway.mode(pay, Mode.HTTP_500);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(503).body("code", equalTo("channel_unavailable"));

        assertEquals("PENDING", db.transaction(pay).getString("status"));
    }

    @Test
    void captureThenRefundMoveTheMoneyOnceEachWithKeysThatMakeRetriesSafe() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 1000, "USD").then().statusCode(201);
        gateway.authorize(pay);
        ChannelPayment payment = new ChannelPayment(pay, "mer_demo", 1000, "USD", "web", gateway.intentId(pay));

        var captured = stripe.capture(payment, 1000).await().atMost(Duration.ofSeconds(10));
        var again = stripe.capture(payment, 1000).await().atMost(Duration.ofSeconds(10));

        assertEquals(new StripeChannel.Moved(gateway.intentId(pay), 1000), captured);
        assertEquals(captured, again, "a repeated capture answers what was captured");
        assertEquals("succeeded", gateway.status(pay));
        var captures = gateway.calls(pay).stream().filter(c -> c.path().endsWith("/capture")).toList();
        assertTrue(captures.stream().allMatch(c -> c.idempotencyKey().equals("paysaga-" + pay + "-capture")));
        assertEquals("amount_to_capture=1000", captures.get(0).body());

        String refundId = Ids.next("re");
        var refunded = stripe.refund(payment, refundId, 400).await().atMost(Duration.ofSeconds(10));
        var retried = stripe.refund(payment, refundId, 400).await().atMost(Duration.ofSeconds(10));
        var tooMuch = stripe.refund(payment, Ids.next("re"), 1001).await().atMost(Duration.ofSeconds(10));

        assertInstanceOf(StripeChannel.Moved.class, refunded);
        assertEquals(refunded, retried, "the same refund id is the same refund");
        assertEquals(new StripeChannel.Refused("amount_too_large", "Refund amount is too large"), tooMuch);
        var refunds = gateway.calls(pay).stream().filter(c -> c.path().equals("/v1/refunds")).toList();
        assertEquals("paysaga-" + refundId + "-refund", refunds.get(0).idempotencyKey());
        assertEquals(refundId, refunds.get(0).form().get("metadata[refund_id]"));
        assertEquals(gateway.intentId(pay), refunds.get(0).form().get("payment_intent"));
    }

    @Test
    void aPaymentWhoseCreateNeverAnsweredHasNoIntentToCancelAndClosesWithoutACall() {
        String pay = Ids.next("pay");
        gateway.mode(pay, Mode.HTTP_500);
        Api.createStripe(pay, 100, "USD").then().statusCode(503);

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("closed"));

        assertTrue(gateway.calls(pay).stream().noneMatch(c -> c.path().endsWith("/cancel")),
                "no client secret reached the customer, so nothing can be paid: nothing to cancel");
    }

    @Test
    void aCanceledIntentCannotBeCapturedAndTheRefusalIsAValue() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 100, "USD").then().statusCode(201);
        asService().post(PATH + "/" + pay + "/close").then().statusCode(200);

        var refused = stripe.capture(new ChannelPayment(pay, "mer_demo", 100, "USD", "web", gateway.intentId(pay)), 100)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals("payment_intent_unexpected_state", ((StripeChannel.Refused) refused).code());
        assertEquals("canceled", gateway.status(pay));
    }

    @Test
    void closingACapturedPaymentRecordsTheSuccessInstead() {
        String pay = Ids.next("pay");
        Api.createStripe(pay, 900, "USD").then().statusCode(201);
        gateway.authorize(pay);
        stripe.capture(new ChannelPayment(pay, "mer_demo", 900, "USD", "web", gateway.intentId(pay)), 900)
                .await().atMost(Duration.ofSeconds(10));

        asService().post(PATH + "/" + pay + "/close").then().statusCode(200).body("status", equalTo("succeeded"));

        assertEquals("succeeded", gateway.status(pay));
        assertEquals(1, db.events(pay).size());
    }
}
