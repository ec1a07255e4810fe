package dev.paysaga.sandbox.stripe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.sandbox.alipay.ChannelKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's list endpoints over real HTTP: balance transactions (made by captures and refunds) and refunds by
 * PaymentIntent, with Stripe's paging ({@code limit}, {@code starting_after}, {@code has_more}, newest first), its
 * {@code created} filters and {@code expand[]=data.source}. Other tests' objects share the sandbox, so every
 * assertion is about objects this test made.
 */
@QuarkusTest
@QuarkusTestResource(ChannelKeysResource.class)
class StripeListsTest {
    StripeMerchant merchant;

    @BeforeEach
    void setUp() {
        merchant = new StripeMerchant();
        given().contentType(ContentType.JSON).body("{\"never_notify\":true}").put("/admin/channels/stripe").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        given().contentType(ContentType.JSON).body("{}").put("/admin/channels/stripe").then().statusCode(200);
    }

    /** An intent authorized and captured for {@code amount} usd. */
    private String captured(long amount) {
        String id = merchant.create(amount, "pm_card_visa").then().statusCode(200).extract().path("id");
        merchant.post("/v1/payment_intents/" + id + "/capture", "").then().statusCode(200);
        return id;
    }

    private JsonPath list(String pathAndQuery) {
        return merchant.get(pathAndQuery).then().statusCode(200).body("object", equalTo("list")).extract().jsonPath();
    }

    /** Every balance transaction created at or after {@code since}, page by page of {@code limit}. */
    private List<Map<String, Object>> everyTransactionSince(long since, int limit, String expand) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            JsonPath list = list("/v1/balance_transactions?created[gte]=" + since + "&limit=" + limit + expand
                    + (cursor == null ? "" : "&starting_after=" + cursor));
            List<Map<String, Object>> data = list.getList("data");
            assertTrue(data.size() <= limit, "a page holds at most limit objects");
            all.addAll(data);
            if (!list.getBoolean("has_more")) {
                return all;
            }
            cursor = (String) data.get(data.size() - 1).get("id");
        }
        throw new AssertionError("the list never ended");
    }

    @Test
    void aCaptureAndARefundAreBalanceTransactionsNewestFirstWithTheirSourcesExpanded() {
        long since = Instant.now().getEpochSecond();
        String pi = captured(1000);
        String refund = merchant.post("/v1/refunds", "payment_intent=" + pi
                + "&amount=300&metadata%5Brefund_id%5D=re_ours&metadata%5Bpayment_id%5D=pay_test").then().statusCode(200)
                .extract().path("id");

        List<Map<String, Object>> ours = everyTransactionSince(since, 100, "&expand[]=data.source").stream()
                .filter(txn -> txn.get("source") instanceof Map<?, ?> source && pi.equals(source.get("payment_intent")))
                .toList();

        assertEquals(2, ours.size(), ours.toString());
        Map<String, Object> refunded = ours.get(0);
        Map<String, Object> charged = ours.get(1);
        assertEquals("refund", refunded.get("type"), "newest first");
        assertEquals(-300, refunded.get("amount"));
        assertEquals(-300, refunded.get("net"));
        assertEquals("usd", refunded.get("currency"));
        Map<?, ?> refundSource = (Map<?, ?>) refunded.get("source");
        assertEquals(refund, refundSource.get("id"));
        assertEquals("refund", refundSource.get("object"));
        assertEquals(Map.of("refund_id", "re_ours", "payment_id", "pay_test"), refundSource.get("metadata"));

        assertEquals("charge", charged.get("type"));
        assertEquals("balance_transaction", charged.get("object"));
        assertEquals(1000, charged.get("amount"));
        assertEquals(29, charged.get("fee"));
        assertEquals(971, charged.get("net"));
        Map<?, ?> chargeSource = (Map<?, ?>) charged.get("source");
        assertEquals("charge", chargeSource.get("object"));
        assertEquals(charged.get("id"), chargeSource.get("balance_transaction"));
        assertEquals("pay_test", ((Map<?, ?>) chargeSource.get("metadata")).get("payment_id"));

        // The refund object names its balance transaction too, and keeps its metadata.
        merchant.get("/v1/refunds/" + refund).then().statusCode(200)
                .body("balance_transaction", equalTo(refunded.get("id"))).body("metadata.refund_id", equalTo("re_ours"));
    }

    @Test
    void withoutExpandTheSourceIsItsId() {
        long since = Instant.now().getEpochSecond();
        String pi = captured(500);
        String charge = merchant.get("/v1/payment_intents/" + pi).then().extract().path("latest_charge");
        assertTrue(everyTransactionSince(since, 100, "").stream().anyMatch(txn -> charge.equals(txn.get("source"))));
    }

    @Test
    void pagesOfOneLoseNothingAndRepeatNothingAndTheCreatedFiltersHold() {
        long since = Instant.now().getEpochSecond();
        List<String> intents = List.of(captured(100), captured(200), captured(300));

        List<Map<String, Object>> all = everyTransactionSince(since, 1, "&expand[]=data.source");
        List<String> ids = all.stream().map(txn -> (String) txn.get("id")).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no transaction on two pages");
        for (String pi : intents) {
            assertTrue(all.stream().anyMatch(txn -> pi.equals(((Map<?, ?>) txn.get("source")).get("payment_intent"))), pi);
        }
        for (int i = 1; i < all.size(); i++) {
            assertTrue((Integer) all.get(i - 1).get("created") >= (Integer) all.get(i).get("created"), "newest first");
        }

        JsonPath before = list("/v1/balance_transactions?created[lt]=" + since + "&created[gte]=" + (since - 86_400 * 365L * 5)
                + "&limit=100&expand[]=data.source");
        List<Map<String, Object>> old = before.getList("data");
        assertFalse(old.stream().anyMatch(txn -> intents.contains(((Map<?, ?>) txn.get("source")).get("payment_intent"))),
                "created[lt] leaves out what came after");
        JsonPath longAgo = list("/v1/balance_transactions?created[gte]=1000000&created[lt]=1086400");
        assertTrue(longAgo.getList("data").isEmpty());
        assertFalse(longAgo.getBoolean("has_more"));
    }

    @Test
    void refundsAreListedByPaymentIntentNewestFirstWithTheirMetadata() {
        String pi = captured(1000);
        String other = captured(1000);
        merchant.post("/v1/refunds", "payment_intent=" + other + "&amount=50").then().statusCode(200);
        String first = merchant.post("/v1/refunds", "payment_intent=" + pi + "&amount=100&metadata%5Brefund_id%5D=re_a")
                .then().statusCode(200).extract().path("id");
        String second = merchant.post("/v1/refunds", "payment_intent=" + pi + "&amount=200&metadata%5Brefund_id%5D=re_b")
                .then().statusCode(200).extract().path("id");

        JsonPath all = list("/v1/refunds?payment_intent=" + pi + "&limit=100");
        assertEquals(List.of(second, first), all.getList("data.id"), "only this intent's, newest first");
        assertEquals(List.of("re_b", "re_a"), all.getList("data.metadata.refund_id"));
        assertFalse(all.getBoolean("has_more"));

        JsonPath page = list("/v1/refunds?payment_intent=" + pi + "&limit=1");
        assertEquals(List.of(second), page.getList("data.id"));
        assertTrue(page.getBoolean("has_more"));
        JsonPath next = list("/v1/refunds?payment_intent=" + pi + "&limit=1&starting_after=" + second);
        assertEquals(List.of(first), next.getList("data.id"));
        assertFalse(next.getBoolean("has_more"));

        merchant.get("/v1/refunds?payment_intent=pi_never").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.code", equalTo("resource_missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown parameter          | /v1/balance_transactions?colour=red                     | colour
            limit 0                       | /v1/balance_transactions?limit=0                        | limit
            limit 101                     | /v1/balance_transactions?limit=101                      | limit
            limit not a number            | /v1/balance_transactions?limit=ten                      | limit
            limit twice                   | /v1/balance_transactions?limit=1&limit=2                | limit
            created not a timestamp       | /v1/balance_transactions?created[gte]=yesterday     | created
            an expansion not offered      | /v1/balance_transactions?expand[]=data.source.payment_intent | expand
            a cursor never listed         | /v1/balance_transactions?starting_after=txn_never       | starting_after
            refunds: unknown parameter    | /v1/refunds?charge=ch_1                                 | charge
            refunds: cursor never listed  | /v1/refunds?starting_after=re_never                     | starting_after
            """)
    void anInvalidListRequestIs400InvalidRequestError(String why, String pathAndQuery, String param) {
        merchant.get(pathAndQuery).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/v1/balance_transactions", "/v1/refunds", "/v1/refunds?payment_intent=pi_x"})
    void aListWithoutTheSecretKeyIs401(String path) {
        given().get(path).then().statusCode(401).body("error.type", equalTo("invalid_request_error"));
        given().header("Authorization", "Bearer sk_test_someone_elses_key_0000").get(path).then().statusCode(401);
    }
}
