package dev.paysaga.sandbox.stripe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import dev.paysaga.sandbox.statements.Discrepancies;
import dev.paysaga.sandbox.statements.ScriptedStatementCheck;
import dev.paysaga.sandbox.statements.StatementLine;
import dev.paysaga.sandbox.statements.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted Stripe statement: the UTC day's balance transactions listed page by page with their sources expanded, as
 * the adapter reads them (no transaction twice, each source naming its intent and our ids); and paid-after-close of a
 * canceled intent, announced by webhook and refunded after.
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class StripeScriptedStatementTest {
    StripeMerchant merchant;
    StripeWebhookReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        merchant = new StripeMerchant();
        receiver = new StripeWebhookReceiver();
        StripeGatewayTest.behave("{}");
        given().contentType(ContentType.JSON).body("{\"url\":\"" + receiver.url() + "\"}")
                .put("/admin/channels/stripe/webhook_endpoint").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        StripeGatewayTest.behave("{}");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private String intent(String paymentId, long amount, String confirm) {
        return merchant.post("/v1/payment_intents", "amount=" + amount + "&currency=usd&capture_method=manual"
                + "&metadata%5Bpayment_id%5D=" + paymentId + confirm).then().statusCode(200).extract().path("id");
    }

    /** An intent of our payment authorized and captured: its id. */
    private String captured(String paymentId, long amount) {
        String id = intent(paymentId, amount, "&confirm=true&payment_method=pm_card_visa");
        merchant.post("/v1/payment_intents/" + id + "/capture", "").then().statusCode(200);
        return id;
    }

    private JsonPath refund(String intentId, String paymentId, String refundId, long amount) {
        return merchant.post("/v1/refunds", "payment_intent=" + intentId + "&amount=" + amount + "&metadata%5Brefund_id%5D="
                + refundId + "&metadata%5Bpayment_id%5D=" + paymentId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyScriptedDiscrepancyIsInTheBalanceTransactionsAndNothingElseChanged() {
        Discrepancies d = new Discrepancies();
        String intent = null;
        for (String paymentId : d.paid()) {
            intent = captured(paymentId, Discrepancies.PAID); // the refunded payment's, last
        }
        refund(intent, d.refunded, d.droppedRefund, Discrepancies.FIRST_REFUND);
        refund(intent, d.refunded, d.reAmountedRefund, Discrepancies.SECOND_REFUND);
        // A refund made beside our API carries no refund_id of ours.
        new ScriptedStatementCheck("stripe", today(), () -> statement(today(), 100), refundId -> null).assertScripted(d, "EUR");
    }

    @Test
    void addedTransactionsKeepTheirIdsFromPageToPage() {
        LocalDate longAgo = LocalDate.of(2003, 1, 1).plusDays(new java.util.Random().nextInt(360));
        List<String> extras = List.of(TestIds.payment(), TestIds.payment(), TestIds.payment());
        try {
            JsonPath stored = ScriptedStatementCheck.put("stripe", longAgo, "{\"extra\": ["
                    + String.join(",", extras.stream().map(id -> "{\"payment_id\":\"" + id + "\",\"amount\":100}").toList())
                    + "]}");
            assertEquals("USD", stored.getString("extra[0].currency"), "Stripe's default");
            assertTrue(stored.getString("extra[0].channel_trade_no").startsWith("pi_"));
            List<StatementLine> pagesOfOne = statement(longAgo, 1);
            assertEquals(statement(longAgo, 100), pagesOfOne);
            assertEquals(Set.copyOf(extras), Set.copyOf(pagesOfOne.stream().map(StatementLine::paymentId).toList()));
        } finally {
            ScriptedStatementCheck.delete("stripe", longAgo);
        }
        assertEquals(List.of(), statement(longAgo, 100));
    }

    @Test
    void aCanceledIntentPaidAfterCloseSucceedsIsAnnouncedListedAndRefunded() {
        String paymentId = TestIds.payment();
        StripeGatewayTest.behave("{\"silent\":true}");
        String id = intent(paymentId, 4200, "");
        StripeGatewayTest.behave("{}");
        merchant.post("/v1/payment_intents/" + id + "/cancel", "cancellation_reason=abandoned").then().statusCode(200)
                .body("status", equalTo("canceled"));

        given().post("/admin/channels/stripe/payments/" + paymentId + "/paid-after-close").then().statusCode(200)
                .body("channel_trade_no", equalTo(id)).body("status", equalTo("succeeded")).body("amount", equalTo(4200));
        merchant.get("/v1/payment_intents/" + id).then().statusCode(200).body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(4200)).body("canceled_at", equalTo(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.about(id).stream()
                .anyMatch(event -> event.body().contains("\"type\":\"payment_intent.succeeded\"")));
        assertTrue(receiver.about(id).stream().allMatch(event -> merchant.signedByStripe(event.signature(), event.body())));
        assertTrue(statement(today(), 100).contains(StatementLine.payment(paymentId, id, 4200, "USD")));

        String refundId = TestIds.refund();
        assertEquals("succeeded", refund(id, paymentId, refundId, 4200).getString("status"));
        assertTrue(statement(today(), 100).contains(StatementLine.refund(paymentId, id, refundId, 4200, "USD")));
        given().post("/admin/channels/stripe/payments/" + paymentId + "/paid-after-close").then().statusCode(409);
    }

    /** The UTC day's balance transactions as statement lines, every page of {@code limit}, no transaction twice. */
    List<StatementLine> statement(LocalDate day, int limit) {
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long until = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        List<StatementLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            JsonPath list = merchant.get("/v1/balance_transactions?created[gte]=" + from + "&created[lt]=" + until + "&limit="
                    + limit + "&expand[]=data.source" + (cursor == null ? "" : "&starting_after=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> data = list.getList("data");
            for (Map<String, Object> txn : data) {
                assertTrue(seen.add((String) txn.get("id")), "listed twice: " + txn.get("id"));
                Map<?, ?> source = (Map<?, ?>) txn.get("source");
                Map<?, ?> metadata = (Map<?, ?>) source.get("metadata");
                long amount = Math.abs(((Number) txn.get("amount")).longValue());
                String currency = ((String) txn.get("currency")).toUpperCase(Locale.ROOT);
                String paymentId = (String) metadata.get("payment_id");
                String intent = (String) source.get("payment_intent");
                if (txn.get("type").equals("charge")) {
                    assertEquals("charge", source.get("object"));
                    lines.add(StatementLine.payment(paymentId, intent, amount, currency));
                } else {
                    assertEquals("refund", source.get("object"));
                    lines.add(StatementLine.refund(paymentId, intent, (String) metadata.get("refund_id"), amount, currency));
                }
            }
            if (!list.getBoolean("has_more")) {
                java.util.Collections.reverse(lines); // oldest first
                return lines;
            }
            cursor = (String) data.get(data.size() - 1).get("id");
        }
        throw new AssertionError("the list never ended");
    }

    @Test
    void withoutExpansionAnAddedTransactionNamesItsSourceById() {
        LocalDate longAgo = LocalDate.of(2004, 1, 1).plusDays(new java.util.Random().nextInt(360));
        try {
            JsonPath stored = ScriptedStatementCheck.put("stripe", longAgo,
                    "{\"extra\": [{\"payment_id\":\"" + TestIds.payment() + "\",\"amount\":100}]}");
            long from = longAgo.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            JsonPath list = merchant.get("/v1/balance_transactions?created[gte]=" + from + "&created[lt]=" + (from + 86_400))
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(list.getString("data[0].source").startsWith("ch_"), list.prettify());
            assertEquals(from + 86_399, list.getLong("data[0].created"), "a day gone: its last second");
            assertNull(stored.get("refunds[0]"));
        } finally {
            ScriptedStatementCheck.delete("stripe", longAgo);
        }
    }
}
